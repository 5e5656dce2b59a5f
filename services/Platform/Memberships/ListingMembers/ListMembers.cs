using System.Text.Json;
using FluentValidation;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Platform.Accounts;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Marketplace.Platform.Memberships.ListingMembers;

public sealed record MemberResponse(Guid AccountId, string Email, string DisplayName, IReadOnlyList<string> Roles)
{
    public static MemberResponse From(Account account, Membership membership) => new(account.Id, account.Email, account.DisplayName, membership.Roles);
}

/// <summary>GET /api/coops/{coop}/memberships: a page of the members by e-mail (customers are members too: thousands in a town).</summary>
public sealed record ListMembersRequest
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    [FromQuery(Name = "page")]
    public int? Page { get; init; }

    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; init; }
}

internal sealed class ListMembersRequestValidator : AbstractValidator<ListMembersRequest>
{
    public ListMembersRequestValidator()
    {
        RuleFor(r => r.Page).InclusiveBetween(1, 1_000_000).OverridePropertyName("page");
        RuleFor(r => r.PageSize).InclusiveBetween(1, ListMembersRequest.MaxPageSize).OverridePropertyName("pageSize");
    }
}

/// <summary>One page of members, and how many the cooperative has in all.</summary>
public sealed record MembersPage(IReadOnlyList<MemberResponse> Items, int Page, int PageSize, long Total);

internal static class ListMembersEndpoint
{
    /// <summary>The memberships of one cooperative joined to their accounts, ordered by e-mail, one page of them.</summary>
    private const string PageSql = """
        select a.id, a.data ->> 'Email', a.data ->> 'DisplayName', m.data -> 'Roles', count(*) over ()
        from platform.mt_doc_membership m
        join platform.mt_doc_account a on a.id = (m.data ->> 'AccountId')::uuid
        where m.data ->> 'Cooperative' = $1
        order by lower(a.data ->> 'Email'), a.id
        limit $2 offset $3
        """;

    private const string CountSql = """
        select count(*)
        from platform.mt_doc_membership m
        join platform.mt_doc_account a on a.id = (m.data ->> 'AccountId')::uuid
        where m.data ->> 'Cooperative' = $1
        """;

    public static void MapListMembers(this RouteGroupBuilder group) =>
        group.MapGet("/", async (string coop, [AsParameters] ListMembersRequest request, IQuerySession session, CancellationToken cancellationToken) =>
            {
                var tenant = TenantId.Parse(coop);
                var (page, pageSize) = (request.Page ?? 1, request.PageSize ?? ListMembersRequest.DefaultPageSize);
                await using var connection = session.Database.CreateConnection();
                await connection.OpenAsync(cancellationToken);
                var members = new List<MemberResponse>(pageSize);
                long total = 0;
                await using (var command = new NpgsqlCommand(PageSql, connection))
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = tenant.Value });
                    command.Parameters.Add(new NpgsqlParameter { Value = pageSize });
                    command.Parameters.Add(new NpgsqlParameter { Value = (long)(page - 1) * pageSize });
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var roles = JsonSerializer.Deserialize<string[]>(reader.GetString(3)) ?? [];
                        members.Add(new MemberResponse(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), roles));
                        total = reader.GetInt64(4);
                    }
                }

                if (members.Count == 0 && page > 1)
                {
                    // Past the last page: still say how many there are.
                    await using var count = new NpgsqlCommand(CountSql, connection);
                    count.Parameters.Add(new NpgsqlParameter { Value = tenant.Value });
                    total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
                }

                return TypedResults.Ok(new MembersPage(members, page, pageSize, total));
            })
            .Validate<ListMembersRequest>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("ListMembers")
            .WithSummary("The cooperative's members and their roles by e-mail, a page at a time (its admins only; page, pageSize up to 200).")
            .Produces<MembersPage>();
}
