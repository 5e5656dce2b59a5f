using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Marketplace.Hosting;

/// <summary>
/// The one way a host reads its settings: a class per concern, bound once from its configuration section and
/// checked (data annotations and <see cref="IValidatableObject"/>) while the host is composed, so a wrong value
/// stops the start with every mistake named instead of failing the first request that reads it. Code asks for the
/// class (or <see cref="IOptions{T}"/>), never for <c>IConfiguration</c>.
/// </summary>
public static class Settings
{
    /// <summary>
    /// The checked settings of <paramref name="section"/>, registered as <typeparamref name="T"/> and
    /// <see cref="IOptions{T}"/>; asked again, the same instance (composition code may need them before the host is built).
    /// <paramref name="complete"/> fills what lives outside the section (connection strings).
    /// </summary>
    public static T AddSettings<T>(this IHostApplicationBuilder builder, string section, Action<T, IConfiguration>? complete = null)
        where T : class, new()
    {
        if (builder.Properties.TryGetValue(typeof(T), out var known))
        {
            return (T)known;
        }

        var settings = Bind<T>(builder.Configuration, section, complete);
        builder.Properties[typeof(T)] = settings;
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(Options.Create(settings));
        return settings;
    }

    /// <summary>Binds and checks, without registering (tests, tools).</summary>
    public static T Bind<T>(IConfiguration configuration, string section, Action<T, IConfiguration>? complete = null)
        where T : class, new()
    {
        var settings = new T();
        configuration.GetSection(section).Bind(settings);
        complete?.Invoke(settings, configuration);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
        {
            throw new OptionsValidationException(section, typeof(T), [.. results.Select(result =>
                $"{section}:{string.Join(", ", result.MemberNames)}: {result.ErrorMessage}")]);
        }

        return settings;
    }
}
