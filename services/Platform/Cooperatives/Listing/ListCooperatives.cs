using System.Security.Claims;
using FluentValidation;
using Marketplace.Hosting;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Platform.Cooperatives.Listing;

/// <summary>
/// GET /api/cooperatives: a page of the approved cooperatives by name, optionally those whose name contains <c>q</c>;
/// <c>approved=false</c> (platform admins only): the active ones waiting for approval.
/// </summary>
public sealed record ListCooperativesRequest
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    [FromQuery(Name = "page")]
    public int? Page { get; init; }

    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; init; }

    [FromQuery(Name = "approved")]
    public bool? Approved { get; init; }
}

internal sealed class ListCooperativesRequestValidator : AbstractValidator<ListCooperativesRequest>
{
    public ListCooperativesRequestValidator()
    {
        RuleFor(r => r.Q).MaximumLength(100).OverridePropertyName("q");
        RuleFor(r => r.Page).InclusiveBetween(1, 100_000).OverridePropertyName("page");
        RuleFor(r => r.PageSize).InclusiveBetween(1, ListCooperativesRequest.MaxPageSize).OverridePropertyName("pageSize");
    }
}

/// <summary>One page of cooperatives, and how many there are in all.</summary>
public sealed record CooperativesPage(IReadOnlyList<CooperativeResponse> Items, int Page, int PageSize, long Total);

internal static class ListCooperativesEndpoint
{
    /// <summary>Public: the platform's home page lists the cooperatives people can join, a page at a time.</summary>
    public static void MapListCooperatives(this RouteGroupBuilder group) =>
        group.MapGet("/", async Task<IResult> ([AsParameters] ListCooperativesRequest request, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellationToken) =>
            {
                var (page, pageSize) = (request.Page ?? 1, request.PageSize ?? ListCooperativesRequest.DefaultPageSize);
                var approved = request.Approved ?? true;
                if (!approved && !user.HasClaim(CooperativeAuthorization.PlatformRoleClaim, CooperativeAuthorization.PlatformAdmin))
                {
                    return user.Identity?.IsAuthenticated == true ? Results.Forbid() : Results.Challenge();
                }

                var active = session.Query<Cooperative>().Where(c => c.Status == CooperativeStatus.Active);
                active = approved ? active.Where(c => c.ApprovedAt != null) : active.Where(c => c.ApprovedAt == null);
                if (!string.IsNullOrWhiteSpace(request.Q))
                {
                    var q = request.Q.Trim();
                    active = active.Where(c => c.Name.Contains(q, StringComparison.OrdinalIgnoreCase));
                }

                var total = await active.CountAsync(cancellationToken);
                var cooperatives = await active
                    .OrderBy(c => c.Name)
                    .ThenBy(c => c.Id)
                    .Skip((page - 1) * pageSize)
                    .Take(pageSize)
                    .ToListAsync(cancellationToken);
                return Results.Ok(new CooperativesPage(cooperatives.Select(CooperativeResponse.From).ToList(), page, pageSize, total));
            })
            .Validate<ListCooperativesRequest>()
            .AllowAnonymous()
            .WithName("ListCooperatives")
            .WithSummary("The cooperatives a platform admin approved, by name, a page at a time (page, pageSize up to 100; q filters by name; approved=false: those waiting, platform admins only).")
            .Produces<CooperativesPage>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
