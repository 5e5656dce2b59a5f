using Marketplace.Platform.Accounts.SigningIn;
using Marketplace.Platform.Memberships;
using Marten;

namespace Marketplace.Platform.Accounts.ReadingMe;

public sealed record MembershipSummary(string Coop, IReadOnlyList<string> Roles);

public sealed record MeResponse(Guid Id, string Email, string DisplayName, string Language, bool PlatformAdmin, IReadOnlyList<MembershipSummary> Memberships);

internal static class GetMeEndpoint
{
    /// <summary>Read from the store, not the token: it shows role changes before the next refresh.</summary>
    public static void MapGetMe(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/me", async (HttpContext http, IQuerySession session, AccountPrincipals principals, CancellationToken cancellationToken) =>
            {
                if (!Guid.TryParse(http.User.FindFirst("sub")?.Value, out var id) || await session.LoadAsync<Account>(id, cancellationToken) is not { } account)
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No account for this token.");
                }

                var memberships = await session.Query<Membership>().Where(m => m.AccountId == id).ToListAsync(cancellationToken);
                return Results.Ok(new MeResponse(
                    account.Id, account.Email, account.DisplayName, account.Language, principals.IsPlatformAdmin(account),
                    [.. memberships.OrderBy(m => m.Cooperative, StringComparer.Ordinal).Select(m => new MembershipSummary(m.Cooperative, m.Roles))]));
            })
            .RequireAuthorization()
            .WithTags("Accounts")
            .WithName("GetMe")
            .WithSummary("The signed-in account, its platform role and its roles per cooperative.")
            .Produces<MeResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
