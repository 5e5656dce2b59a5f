using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketplace.Web.Api;

/// <summary>
/// The services write their statuses as camelCase strings ("approved", "committed"), the web app reads them as enums.
/// A value the web app does not know yet (a status a service has just added) reads as the enum's Unknown member rather
/// than failing the whole answer, as JsonStringEnumConverter would: one shop or product with a new status must not turn
/// a page into an error page; the page shows "unknown status" and treats it as neither approved nor active. An enum
/// without an Unknown member (a filter the web app only sends) still refuses an unknown value.
/// </summary>
public sealed class WireEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(WireEnumConverter<>).MakeGenericType(typeToConvert))!;
}

internal sealed class WireEnumConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    private static readonly FrozenDictionary<string, T> Values = Enum.GetValues<T>().ToFrozenDictionary(WireEnums.Wire, StringComparer.Ordinal);

    private static readonly T? Fallback = Enum.TryParse<T>("Unknown", ignoreCase: false, out var unknown) ? unknown : null;

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return text is not null && Values.TryGetValue(text, out var value) ? value
            : Fallback ?? throw new JsonException($"\"{text}\" is not a {typeof(T).Name}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Wire());
}

public static class WireEnums
{
    /// <summary>The value as the services write it, camelCase: for query strings and text keys ("Shops.Status.approved").</summary>
    public static string Wire<T>(this T value)
        where T : struct, Enum =>
        JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
