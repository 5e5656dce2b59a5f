using FluentValidation;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Shops.RegisteringShop;

public sealed record RegisterShop(string Name);

internal sealed class RegisterShopValidator : AbstractValidator<RegisterShop>
{
    public RegisterShopValidator() => RuleFor(s => s.Name).NotEmpty().MaximumLength(100);
}

internal static class RegisterShopEndpoint
{
    public static void MapRegisterShop(this RouteGroupBuilder group) =>
        group.MapPost("/", async (TenantId coop, RegisterShop request, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var registered = new ShopRegistered(Guid.CreateVersion7(), request.Name.Trim(), clock.GetUtcNow());
                await using var session = sessions.OpenSession(coop);
                session.Events.StartStream<Shop>(registered.ShopId, registered);
                await session.SaveChangesAsync(cancellationToken);
                return Results.Created($"/api/coops/{coop}/shops/{registered.ShopId}", ShopResponse.From(Shop.Create(registered)));
            })
            .Validate<RegisterShop>()
            .RequireAuthorization(CooperativeAuthorization.MemberPolicy)
            .WithName("RegisterShop")
            .Produces<ShopResponse>(StatusCodes.Status201Created);
}
