using FluentValidation;
using JasperFx.Events.Projections;
using Marketplace.Catalog.Categories;
using Marketplace.Catalog.Imports;
using Marketplace.Catalog.Imports.Committing;
using Marketplace.Catalog.Imports.Mapping;
using Marketplace.Catalog.Imports.Reading;
using Marketplace.Catalog.Imports.Uploading;
using Marketplace.Catalog.Photos;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Products.Archiving;
using Marketplace.Catalog.Products.ChangingDetails;
using Marketplace.Catalog.Products.ChangingPrice;
using Marketplace.Catalog.Products.Getting;
using Marketplace.Catalog.Products.GettingForShop;
using Marketplace.Catalog.Products.Listing;
using Marketplace.Catalog.Products.ListingForShop;
using Marketplace.Catalog.Products.Reactivating;
using Marketplace.Catalog.Products.SettingFoodInformation;
using Marketplace.Catalog.Questions;
using Marketplace.Catalog.Reservations;
using Marketplace.Catalog.Reservations.CommittingAccepted;
using Marketplace.Catalog.Reservations.Holding;
using Marketplace.Catalog.Reservations.HoldingForOrders;
using Marketplace.Catalog.Reservations.Reading;
using Marketplace.Catalog.Reservations.Releasing;
using Marketplace.Catalog.Reservations.ReleasingCancelled;
using Marketplace.Catalog.Reservations.ReleasingWithdrawn;
using Marketplace.Catalog.Search;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Shops.AddingOwner;
using Marketplace.Catalog.Shops.Approving;
using Marketplace.Catalog.Shops.AskingForChanges;
using Marketplace.Catalog.Shops.ChangingDetails;
using Marketplace.Catalog.Shops.Closing;
using Marketplace.Catalog.Shops.GettingShop;
using Marketplace.Catalog.Shops.ListingShops;
using Marketplace.Catalog.Shops.OpeningForOrders;
using Marketplace.Catalog.Shops.Refusing;
using Marketplace.Catalog.Shops.RegisteringShop;
using Marketplace.Catalog.Shops.RemovingOwner;
using Marketplace.Catalog.Stock;
using Marketplace.Catalog.Stock.Adjusting;
using Marketplace.Catalog.Stock.Counting;
using Marketplace.Catalog.StockAlerts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Export;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Marten.Schema;

namespace Marketplace.Catalog;

/// <summary>Shops, products, stock and search, in the "catalog" schema of each cooperative's database.</summary>
public static class CatalogModule
{
    public const int RelayLockId = 4200;
    public const string Schema = "catalog";

    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatorsFromAssembly(typeof(CatalogModule).Assembly, includeInternalTypes: true);
        builder.AddCooperativeStore<CatalogIntegrationEvents>(Schema, RelayLockId, options =>
        {
            options.AddEventSourced<Shop>();
            options.AddEventSourced<Product>();
            options.AddEventSourced<Reservation>();
            // A reference (SKU) names one product per shop; the database enforces it against concurrent listings.
            options.Schema.For<Product>()
                .Index(p => p.ShopId)
                .UniqueIndex(UniqueIndexType.Computed, "product_shop_sku", p => p.ShopId, p => p.Sku!);
            options.Schema.For<Reservation>().Index(r => r.ExpiresAt);
            options.ConfigureImports();
            options.AddSearchSchema();
            options.AddStockHolds();
            options.Projections.Add(new ProductSearchProjection(), ProjectionLifecycle.Inline);
            options.Projections.Add(new DropStockAlertsOfArchivedProducts(), ProjectionLifecycle.Inline);
            options.AddQuestions();
            options.AddPhotos();
            options.AddCategories();
            // "Tell me when it's back": the requests, and the event that serves them (its own stream per batch).
            options.Schema.For<StockAlert>().Identity(a => a.Id).Index(a => a.ProductId);
            options.Events.AddEventType<StockAlertsServed>();
            // Who the cooperative's members are, from the Platform (ADR 51): only they are named a shop's owners.
            options.Schema.For<CooperativeMember>().Identity(m => m.Id);
        });
        builder.AddSettings<ReservationSettings>(ReservationSettings.Section);
        builder.Services.AddSingleton<CooperativeDeadlines>();
        builder.Services.AddSingleton<ReservationDesk>();
        builder.Services.AddHostedService<ReservationExpirySweeper>();
        builder.AddMessaging("catalog", bus =>
        {
            bus.AddConsumer<ApplyCooperativeSchema>();
            bus.AddConsumer<RecordShopOpenedForOrders>();
            bus.AddConsumer<HoldStockForOrder>();
            bus.AddConsumer<CommitAcceptedSubOrder>();
            bus.AddConsumer<ReleaseWithdrawnSubOrder>();
            bus.AddConsumer<ReleaseCancelledOrder>();
            bus.AddConsumer<ServeStockAlerts>();
            bus.AddConsumer<RecordMembership>();
        });
        return builder;
    }

    public static WebApplication MapCatalog(this WebApplication app)
    {
        var shops = app.MapGroup("/api/coops/{coop}/shops").WithTags("Shops");
        shops.MapRegisterShop();
        shops.MapListShops();
        shops.MapGetShop();
        shops.MapChangeShopDetails();
        shops.MapSetShopClosures();
        shops.MapAddShopOwner();
        shops.MapRemoveShopOwner();
        shops.MapApproveShop();
        shops.MapRequestShopChanges();
        shops.MapRefuseShop();

        var shop = app.MapGroup("/api/coops/{coop}/shops/{shop:guid}").WithTags("Products");
        shop.MapListProduct();
        shop.MapChangeProductDetails();
        shop.MapChangeProductPrice();
        shop.MapArchiveProduct();
        shop.MapReactivateProduct();
        shop.MapListShopProducts();
        shop.MapGetShopProduct();
        shop.MapAdjustStock();
        shop.MapCountStock();
        shop.MapSetFoodInformation();

        var coop = app.MapGroup("/api/coops/{coop}").WithTags("Products");
        coop.MapGetProduct();

        app.MapGroup("/api/coops/{coop}/products/{product:guid}/stock-alert").WithTags("Stock alerts").MapStockAlert();

        var reservations = app.MapGroup("/api/coops/{coop}/reservations").WithTags("Reservations");
        reservations.MapHoldStock();
        reservations.MapGetReservation();
        reservations.MapReleaseReservation();
        var imports = app.MapGroup("/api/coops/{coop}/shops").WithTags("Imports");
        imports.MapUploadImport();
        imports.MapGetImport();
        imports.MapCommitImport();
        imports.MapSetImportMapping();
        imports.MapGetKeptImportFile();
        imports.MapPreviewKeptImportFile();

        var storefront = app.MapGroup("/api/coops/{coop}").WithTags("Search");
        storefront.MapSearchProducts();
        storefront.MapListCategories();
        app.MapQuestions();
        app.MapPhotos();
        app.MapCategories();
        app.MapCooperativeExport("catalog", Schema);
        return app;
    }
}

/// <summary>Names this service's assembly, e.g. for WebApplicationFactory in tests (Program is in the global namespace of every service).</summary>
public sealed class CatalogService;
