using FluentValidation;
using JasperFx;
using Marketplace.Catalog.Categories.Creating;
using Marketplace.Catalog.Categories.Listing;
using Marketplace.Catalog.Categories.Moving;
using Marketplace.Catalog.Categories.Removing;
using Marketplace.Catalog.Categories.Renaming;
using Marketplace.Catalog.Common;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Npgsql;

namespace Marketplace.Catalog.Categories;

public sealed record CategoryRequest(LocalizedText? Name);

public sealed record CategoryPositionRequest(int? Position);

internal sealed class CategoryRequestValidator : AbstractValidator<CategoryRequest>
{
    public CategoryRequestValidator()
    {
        RuleFor(r => r.Name).NotNull().WithMessage("A category has a French and an English name.").WithErrorCode("category.name_required");
        When(r => r.Name is not null, () =>
        {
            RuleFor(r => r.Name!.Fr).NotEmpty().WithMessage("A category has a French name.").WithErrorCode("category.name_required")
                .MaximumLength(CategoryList.MaxNameLength).WithMessage($"A name has at most {CategoryList.MaxNameLength} characters.").WithErrorCode("category.name_length")
                .OverridePropertyName("name.fr");
            RuleFor(r => r.Name!.En).NotEmpty().WithMessage("A category has an English name.").WithErrorCode("category.name_required")
                .MaximumLength(CategoryList.MaxNameLength).WithMessage($"A name has at most {CategoryList.MaxNameLength} characters.").WithErrorCode("category.name_length")
                .OverridePropertyName("name.en");
        });
    }
}

internal sealed class CategoryPositionRequestValidator : AbstractValidator<CategoryPositionRequest>
{
    public CategoryPositionRequestValidator() =>
        RuleFor(r => r.Position).NotNull().WithMessage("A position is required (0 is first).").WithErrorCode("category.position_required")
            .GreaterThanOrEqualTo(0).WithMessage("A position is 0 or more.").WithErrorCode("category.position_range");
}

/// <summary>
/// The cooperative's category list: anyone reads it (the storefront, the shops' product form); only the cooperative's
/// admins change it. One document, changed under optimistic concurrency and retried, so two admins' changes never lose one.
/// </summary>
public static class CategoriesRegistration
{
    public static StoreOptions AddCategories(this StoreOptions options)
    {
        options.Schema.For<CategoryList>().Identity(l => l.Id).UseOptimisticConcurrency(true);
        return options;
    }

    /// <summary>The cooperative's list, or null when it never had one.</summary>
    public static Task<CategoryList?> CategoryListAsync(this IQuerySession session, CancellationToken cancellationToken) =>
        session.LoadAsync<CategoryList>(CategoryList.DocumentId, cancellationToken);

    public static WebApplication MapCategories(this WebApplication app)
    {
        var group = app.MapGroup("/api/coops/{coop}/product-categories").WithTags("Categories");

        group.MapListProductCategories();
        group.MapCreateProductCategory();
        group.MapRenameProductCategory();
        group.MapMoveProductCategory();
        group.MapRemoveProductCategory();
        return app;
    }
}

/// <summary>What the list's changes share: loading, deciding, storing under optimistic concurrency, answering.</summary>
internal static class CategoryChanges
{
    internal static (string Fr, string En) Names(CategoryRequest request) => (request.Name!.Fr!.Trim(), request.Name!.En!.Trim());

    internal static IResult? NameTaken(CategoryList list, string fr, string en, string? except)
    {
        var (frTaken, enTaken) = list.Taken(fr, en, except);
        var fields = new List<string>();
        if (frTaken)
        {
            fields.Add("name.fr");
        }

        if (enTaken)
        {
            fields.Add("name.en");
        }

        return fields.Count == 0 ? null : CodedProblems.Fields(fields, "category.name_taken", "Another category already has this name.", StatusCodes.Status409Conflict);
    }

    internal static IResult NoSuchCategory() =>
        CodedProblems.Refused("category.not_found", StatusCodes.Status404NotFound, "No such category in this cooperative.");

    /// <summary>Active or archived products stored under the category (its key, or a name typed before the list existed).</summary>
    internal static async Task<long> ProductsInAsync(IQuerySession session, ListedCategory category, CancellationToken cancellationToken)
    {
        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select count(*) from {Search.SearchSchema.Listings} where category_key = any($1)", connection);
        command.Parameters.Add(new() { Value = CategoryList.Spellings(category) });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Loads (or starts) the list, applies the change and stores it; a concurrent change is retried on the new list.</summary>
    internal static async Task<IResult> ChangeAsync(
        CooperativeSessions sessions, TenantId coop, Func<CategoryList, (IResult? Refusal, ListedCategory? Changed)> change, bool created, CancellationToken cancellationToken,
        Action<IDocumentSession, ListedCategory>? alongside = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var session = sessions.OpenSession(coop);
            var list = await session.CategoryListAsync(cancellationToken) ?? new CategoryList();
            var (refusal, changed) = change(list);
            if (refusal is not null)
            {
                return refusal;
            }

            session.Store(list);
            if (alongside is not null && changed is not null)
            {
                alongside(session, changed);
            }

            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (ConcurrencyException) when (attempt < 5)
            {
                continue;
            }

            if (changed is null)
            {
                return Results.NoContent();
            }

            var response = new CategoryResponse(changed.Key, changed.Names(), list.Categories.FindIndex(c => c.Key == changed.Key));
            return created ? Results.Created($"/api/coops/{coop}/product-categories/{changed.Key}", response) : Results.Ok(response);
        }
    }
}
