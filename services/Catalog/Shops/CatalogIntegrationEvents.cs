using JasperFx.Events;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Questions;
using Marketplace.Catalog.Reservations;
using Marketplace.Catalog.Stock;
using Marketplace.Catalog.StockAlerts;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;
using Contract = Marketplace.Contracts.Catalog;

namespace Marketplace.Catalog.Shops;

/// <summary>Which committed Catalog events leave the service, and as what (the relay publishes them).</summary>
internal sealed class CatalogIntegrationEvents : IIntegrationEventMapper
{
    public IIntegrationEvent? Map(IEvent committed, TenantId? database) => database is not { } tenant ? null : committed.Data switch
    {
        ShopRegistered e => new Contract.ShopRegistered(tenant, e.ShopId, e.Name, e.RegisteredAt),
        ShopApproved e => new Contract.ShopApproved(tenant, e.ShopId, e.Name, e.ApprovedAt),
        ShopProfileRecorded e => new Contract.ShopProfileChanged(
            tenant, e.ShopId, committed.Version, e.Name, e.Approved, e.Owners,
            [.. e.OpeningHours.Select(p => new Contract.ShopOpeningPeriod(p.Day, p.Opens, p.Closes))], e.Pickup, e.Delivery, e.ContactEmail, e.At, e.Address,
            e.Closures is { } closures ? [.. closures.Select(c => new Contract.ShopClosedDays(c.From, c.To))] : null),
        ProductListed e => new Contract.ProductListed(tenant, e.ProductId, e.ShopId, e.Name.Fr, e.Name.En, e.Price, e.VatRate, e.At),
        ProductPriceChanged e => new Contract.ProductPriceChanged(tenant, e.ProductId, e.ShopId, e.Previous, e.Price, e.At),
        ReservationPlaced e => new Contract.ReservationHeld(
            tenant, e.ReservationId, [.. e.Lines.Select(l => new Contract.HeldLine(l.ProductId, l.Quantity))], e.ExpiresAt),
        OrderHoldRefused e => new Contract.ReservationRefused(
            tenant, e.ReservationId, [.. e.Shortages.Select(s => new Contract.ShortLine(s.ProductId, s.Requested, s.Available))], e.At),
        StockReserved e => new Contract.StockReserved(tenant, e.ReservationId, e.ProductId, e.Quantity, e.ExpiresAt),
        StockReservationRejected e => new Contract.StockReservationRejected(tenant, e.ReservationId, e.ProductId, e.Requested, e.Available),
        StockReleased e => new Contract.StockReleased(tenant, e.ReservationId, e.ProductId, e.Quantity, e.Reason),
        StockCommitted e => new Contract.StockCommitted(tenant, e.ReservationId, e.ProductId, e.Quantity),
        ProductOutOfStock e => new Contract.ProductOutOfStock(tenant, e.ProductId, e.ShopId, e.At),
        ProductBackInStock e => new Contract.ProductBackInStock(tenant, e.ProductId, e.ShopId, e.Available, e.At),
        QuestionAsked e => new Contract.QuestionAsked(
            tenant, e.QuestionId, e.ProductId, e.ShopId, e.ShopName, e.ProductName.Fr, e.ProductName.En, e.ShopOwners, e.Text, e.AskedAt),
        QuestionAnswered e => new Contract.QuestionAnswered(
            tenant, e.QuestionId, e.ProductId, e.ShopId, e.AskerAccountId, e.Private, e.AnsweredAt,
            e.ShopName, e.ProductName.Fr, e.ProductName.En, e.QuestionText, e.Text),
        StockAlertsServed e => new Contract.StockAlertsDue(
            tenant, e.BatchId, e.ProductId, e.ShopId, e.ShopName, e.ProductName.Fr, e.ProductName.En, e.AccountIds, e.At),
        _ => null,
    };
}
