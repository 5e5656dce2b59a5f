using JasperFx.Events.Projections;
using Marketplace.Catalog.Questions.Answering;
using Marketplace.Catalog.Questions.Asking;
using Marketplace.Catalog.Questions.ListingForProduct;
using Marketplace.Catalog.Questions.ListingForShop;
using Marketplace.ServiceDefaults.EventSourcing;
using Marten;

namespace Marketplace.Catalog.Questions;

/// <summary>"Ask the shopkeeper": a stream per question, its snapshot inline, indexed for the product page and the shop's inbox.</summary>
public static class QuestionsRegistration
{
    public static StoreOptions AddQuestions(this StoreOptions options)
    {
        options.AddEventSourced<Question>();
        options.Schema.For<Question>().Index(q => q.ProductId).Index(q => q.ShopId);
        return options;
    }

    public static WebApplication MapQuestions(this WebApplication app)
    {
        var product = app.MapGroup("/api/coops/{coop}/products/{product:guid}/questions").WithTags("Questions");
        product.MapAskQuestion();
        product.MapListProductQuestions();

        var shop = app.MapGroup("/api/coops/{coop}/shops/{shop:guid}/questions").WithTags("Questions");
        shop.MapListShopQuestions();
        shop.MapAnswerQuestion();
        return app;
    }
}
