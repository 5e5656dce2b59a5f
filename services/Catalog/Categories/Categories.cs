using FluentValidation;
using Marketplace.Catalog.Common;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using JasperFx;
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

        group.MapGet("/", async (TenantId coop, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                return TypedResults.Ok(CategoryResponse.From(await session.CategoryListAsync(cancellationToken)));
            })
            .AllowAnonymous()
            .WithName("ListProductCategories")
            .WithSummary("The cooperative's categories, in order, named in French and English; empty when it keeps none (then categories are free text).")
            .Produces<IReadOnlyList<CategoryResponse>>();

        group.MapPost("/", (TenantId coop, CategoryRequest request, CooperativeSessions sessions, CancellationToken cancellationToken) =>
                ChangeAsync(sessions, coop, list =>
                {
                    var (fr, en) = Names(request);
                    if (NameTaken(list, fr, en, null) is { } taken)
                    {
                        return (taken, null);
                    }

                    if (list.Categories.Count >= CategoryList.MaxCategories)
                    {
                        return (CodedProblems.Refused("category.too_many", StatusCodes.Status409Conflict, $"A cooperative keeps at most {CategoryList.MaxCategories} categories."), null);
                    }

                    var category = new ListedCategory(list.NewKey(fr), fr, en);
                    list.Categories.Add(category);
                    return (null, category);
                }, created: true, cancellationToken))
            .Validate<CategoryRequest>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("CreateProductCategory")
            .WithSummary("An admin adds a category at the end of the list; its key is made from its French name and never changes.")
            .Produces<CategoryResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/{key}", (TenantId coop, string key, CategoryRequest request, CooperativeSessions sessions, CancellationToken cancellationToken) =>
                ChangeAsync(sessions, coop, list =>
                {
                    var index = list.Categories.FindIndex(c => c.Key == key);
                    if (index < 0)
                    {
                        return (NoSuchCategory(), null);
                    }

                    var (fr, en) = Names(request);
                    if (NameTaken(list, fr, en, key) is { } taken)
                    {
                        return (taken, null);
                    }

                    list.Categories[index] = list.Categories[index] with { Fr = fr, En = en };
                    return (null, list.Categories[index]);
                }, created: false, cancellationToken))
            .Validate<CategoryRequest>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("RenameProductCategory")
            .WithSummary("An admin renames a category in French and English; its key, and the products in it, stay.")
            .Produces<CategoryResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/{key}/position", (TenantId coop, string key, CategoryPositionRequest request, CooperativeSessions sessions, CancellationToken cancellationToken) =>
                ChangeAsync(sessions, coop, list =>
                {
                    var index = list.Categories.FindIndex(c => c.Key == key);
                    if (index < 0)
                    {
                        return (NoSuchCategory(), null);
                    }

                    var category = list.Categories[index];
                    list.Categories.RemoveAt(index);
                    list.Categories.Insert(Math.Min(request.Position!.Value, list.Categories.Count), category);
                    return (null, category);
                }, created: false, cancellationToken))
            .Validate<CategoryPositionRequest>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("MoveProductCategory")
            .WithSummary("An admin moves a category to a position (0 is first; beyond the end is last).")
            .Produces<CategoryResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{key}", async Task<IResult> (TenantId coop, string key, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var query = sessions.QuerySession(coop);
                var current = await query.CategoryListAsync(cancellationToken);
                if (current?.ByKey(key) is not { } category)
                {
                    return NoSuchCategory();
                }

                var used = await ProductsInAsync(query, category, cancellationToken);
                if (used > 0)
                {
                    return Results.Problem(
                        statusCode: StatusCodes.Status409Conflict,
                        title: "Products are still in this category.",
                        detail: $"{used} product(s) are in \"{category.Fr}\" / \"{category.En}\": their shops move them to another category first, or rename this one.",
                        extensions: new Dictionary<string, object?> { ["code"] = "category.in_use", ["products"] = used });
                }

                return await ChangeAsync(sessions, coop, list =>
                {
                    list.Categories.RemoveAll(c => c.Key == key);
                    return (null, null);
                }, created: false, cancellationToken);
            })
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("RemoveProductCategory")
            .WithSummary("An admin removes a category no product is in (else 409, code category.in_use, with the count).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static (string Fr, string En) Names(CategoryRequest request) => (request.Name!.Fr!.Trim(), request.Name!.En!.Trim());

    private static IResult? NameTaken(CategoryList list, string fr, string en, string? except)
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

    private static IResult NoSuchCategory() =>
        CodedProblems.Refused("category.not_found", StatusCodes.Status404NotFound, "No such category in this cooperative.");

    /// <summary>Active or archived products stored under the category (its key, or a name typed before the list existed).</summary>
    private static async Task<long> ProductsInAsync(IQuerySession session, ListedCategory category, CancellationToken cancellationToken)
    {
        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select count(*) from {Search.SearchSchema.Listings} where category_key = any($1)", connection);
        command.Parameters.Add(new() { Value = CategoryList.Spellings(category) });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Loads (or starts) the list, applies the change and stores it; a concurrent change is retried on the new list.</summary>
    private static async Task<IResult> ChangeAsync(
        CooperativeSessions sessions, TenantId coop, Func<CategoryList, (IResult? Refusal, ListedCategory? Changed)> change, bool created, CancellationToken cancellationToken)
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
