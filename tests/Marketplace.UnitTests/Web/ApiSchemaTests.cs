using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Contracts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Marketplace.Web.Api.Governance;
using Marketplace.Web.Api.Ordering;
using Marketplace.Web.Api.Payments;
using Marketplace.Web.Api.Platform;

namespace Marketplace.UnitTests.Web;

/// <summary>
/// The web app's records against the services' OpenAPI documents, which the build writes to docs/openapi/: a field a
/// service renames, retypes or makes nullable fails here, not on a page in production. Each check is also fed a
/// made-up record, and must report it.
/// </summary>
public class ApiSchemaTests
{
    /// <summary>Every record of the web app's API, with the schema it mirrors.</summary>
    internal static readonly IReadOnlyList<SchemaMapping> Table =
    [
        new(typeof(Cooperative), "platform", "CooperativeResponse", Direction.Answer),
        new(typeof(CooperativesPage), "platform", "CooperativesPage", Direction.Answer),
        new(typeof(MembersPage), "platform", "MembersPage", Direction.Answer),
        new(typeof(NewCooperative), "platform", "OnboardCooperative", Direction.Body),
        new(typeof(Account), "platform", "AccountResponse", Direction.Answer),
        new(typeof(NewAccount), "platform", "SignUp", Direction.Body),
        new(typeof(Membership), "platform", "MemberResponse", Direction.Answer),
        new(typeof(MemberFound), "platform", "MemberFound", Direction.Answer),
        new(typeof(Tokens), "platform", "TokenResponse", Direction.Answer),
        new(typeof(LegalPage), "platform", "LegalPageResponse", Direction.Answer),
        new(typeof(LegalPageText), "platform", "LegalPageText", Direction.Answer),
        new(typeof(LegalPageWrite), "platform", "WriteLegalPage", Direction.Body),

        new(typeof(Shop), "catalog", "ShopResponse", Direction.Answer),
        new(typeof(LocalizedText), "catalog", "LocalizedText", Direction.Answer),
        new(typeof(ShopAddress), "catalog", "ShopAddress", Direction.Answer),
        new(typeof(OpeningPeriod), "catalog", "OpeningPeriod", Direction.Answer),
        new(typeof(Fulfilment), "catalog", "Fulfilment", Direction.Answer),
        new(typeof(ShopContact), "catalog", "ShopContact", Direction.Answer),
        new(typeof(ShopRegistration), "catalog", "ShopDetailsRequest", Direction.Body),
        new(typeof(ShopClosure), "catalog", "ShopClosure", Direction.Answer),
        new(typeof(ShopReviewNote), "catalog", "ShopReviewNote", Direction.Answer),
        new(typeof(ShopClosureRequest), "catalog", "ShopClosureRequest", Direction.Body),
        new(typeof(ShopClosures), "catalog", "ShopClosuresRequest", Direction.Body),
        new(typeof(Product), "catalog", "ProductResponse", Direction.Answer),
        new(typeof(ProductStock), "catalog", "StockResponse", Direction.Answer),
        new(typeof(PricePeriod), "catalog", "PricePeriod", Direction.Answer),
        new(typeof(Money), "catalog", "Money", Direction.Answer),
        new(typeof(NewProduct), "catalog", "NewProduct", Direction.Body),
        new(typeof(ProductDetails), "catalog", "ProductDetailsRequest", Direction.Body),
        new(typeof(StockAdjustment), "catalog", "StockAdjustment", Direction.Body),
        new(typeof(StockCount), "catalog", "StockCount", Direction.Body),
        new(typeof(FoodInformation), "catalog", "FoodInformationResponse", Direction.Answer),
        new(typeof(NetQuantity), "catalog", "NetQuantity", Direction.Answer),
        new(typeof(UnitPrice), "catalog", "UnitPrice", Direction.Answer),
        new(typeof(FoodInformationRequest), "catalog", "FoodInformationRequest", Direction.Body),
        new(typeof(NetQuantityRequest), "catalog", "NetQuantityRequest", Direction.Body),
        new(typeof(ProductHit), "catalog", "SearchResultItem", Direction.Answer),
        new(typeof(SearchResults), "catalog", "SearchResults", Direction.Answer),
        new(typeof(Photo), "catalog", "PhotoResponse", Direction.Answer),
        new(typeof(PhotoSize), "catalog", "PhotoSizeResponse", Direction.Answer),
        new(typeof(Category), "catalog", "CategoryCount", Direction.Answer),
        new(typeof(ProductCategory), "catalog", "CategoryResponse", Direction.Answer),
        new(typeof(ProductCategoryRequest), "catalog", "CategoryRequest", Direction.Body),
        new(typeof(ProductCategoryPosition), "catalog", "CategoryPositionRequest", Direction.Body),
        new(typeof(Question), "catalog", "QuestionResponse", Direction.Answer),
        new(typeof(Answer), "catalog", "AnswerResponse", Direction.Answer),
        new(typeof(StockAlert), "catalog", "StockAlertResponse", Direction.Answer),
        new(typeof(ImportPreview), "catalog", "ImportPreviewResponse", Direction.Answer),
        new(typeof(ImportRow), "catalog", "ImportRowResponse", Direction.Answer),
        new(typeof(ImportBefore), "catalog", "ImportBeforeResponse", Direction.Answer),
        new(typeof(ImportError), "catalog", "ImportErrorResponse", Direction.Answer),
        new(typeof(ImportCounts), "catalog", "ImportCounts", Direction.Answer),
        new(typeof(ImportResult), "catalog", "ImportResult", Direction.Answer),
        new(typeof(KeptImportFile), "catalog", "KeptImportFileResponse", Direction.Answer),
        new(typeof(KeptColumn), "catalog", "KeptColumnResponse", Direction.Answer),
        new(typeof(ImportMapping), "catalog", "ImportMappingRequest", Direction.Body),
        new(typeof(Basket), "ordering", "BasketResponse", Direction.Answer),
        new(typeof(BasketLine), "ordering", "BasketLineResponse", Direction.Answer),
        new(typeof(BasketQuantity), "ordering", "BasketLineRequest", Direction.Body),
        new(typeof(ShopOrder), "ordering", "ShopOrderView", Direction.Answer),
        new(typeof(ShopOrdersPage), "ordering", "OrderPageOfShopOrderView", Direction.Answer),
        new(typeof(ShopOrderPart), "ordering", "SubOrderView", Direction.Answer),
        new(typeof(ShopOrderLine), "ordering", "OrderLine", Direction.Answer),
        new(typeof(ShopOrderFulfilment), "ordering", "Fulfilment", Direction.Answer),
        new(typeof(ShopOrderAddress), "ordering", "DeliveryAddress", Direction.Answer),
        new(typeof(CoopOrder), "ordering", "OrderView", Direction.Answer),
        new(typeof(CoopOrdersPage), "ordering", "OrderPageOfOrderView", Direction.Answer),
        new(typeof(ShopOrderRefusal), "ordering", "RefuseSubOrderRequest", Direction.Body),
        new(typeof(ShopOrderCancellation), "ordering", "CancelAcceptedSubOrderRequest", Direction.Body),
        new(typeof(Order), "ordering", "OrderView", Direction.Answer),
        new(typeof(SubOrder), "ordering", "SubOrderView", Direction.Answer),
        new(typeof(OrderLine), "ordering", "OrderLine", Direction.Answer),
        new(typeof(OrderFulfilment), "ordering", "Fulfilment", Direction.Answer),
        new(typeof(DeliveryAddress), "ordering", "DeliveryAddress", Direction.Answer),
        new(typeof(OrderHistoryEntry), "ordering", "OrderHistoryEntry", Direction.Answer),
        new(typeof(Shortage), "ordering", "Shortage", Direction.Answer),
        new(typeof(Refund), "ordering", "Refund", Direction.Answer),
        new(typeof(OrdersPage), "ordering", "OrderPageOfOrderView", Direction.Answer),
        new(typeof(PlaceOrder), "ordering", "PlaceOrderRequest", Direction.Body),
        new(typeof(ShopChoice), "ordering", "ShopChoice", Direction.Body),
        new(typeof(PickupChoice), "ordering", "PickupChoice", Direction.Body),
        new(typeof(DeliveryChoice), "ordering", "DeliveryChoice", Direction.Body),
        new(typeof(OrderPayment), "payments", "PaymentResponse", Direction.Answer),
        new(typeof(ShopPayouts), "payments", "ShopPayoutsResponse", Direction.Answer),
        new(typeof(OnboardingLink), "payments", "OnboardingLinkResponse", Direction.Answer),
        new(typeof(ShopStatement), "payments", "ShopStatement", Direction.Answer),
        new(typeof(StatementRow), "payments", "StatementRow", Direction.Answer),
        new(typeof(PaymentDocument), "payments", "DocumentResponse", Direction.Answer),
        new(typeof(PaymentDocumentContent), "payments", "DocumentContent", Direction.Answer),
        new(typeof(FeePolicy), "payments", "FeePolicyResponse", Direction.Answer),
        new(typeof(FeePolicyVersion), "payments", "FeePolicyVersionResponse", Direction.Answer),
        new(typeof(NewFeePolicy), "payments", "FeePolicyRequest", Direction.Body),
        new(typeof(LedgerAccountTotal), "payments", "AccountTotal", Direction.Answer),
        new(typeof(LedgerPosting), "payments", "LedgerRow", Direction.Answer),
        new(typeof(Ledger), "payments", "LedgerResponse", Direction.Answer),
        new(typeof(ReconciliationDifference), "payments", "ReconciliationDifference", Direction.Answer),
        new(typeof(Reconciliation), "payments", "ReconciliationReport", Direction.Answer),
        new(typeof(NightlyReconciliation), "payments", "StoredReconciliation", Direction.Answer),
        new(typeof(College), "governance", "College", Direction.Answer),
        new(typeof(Majorities), "governance", "Majorities", Direction.Answer),
        new(typeof(Statutes), "governance", "StatutesView", Direction.Answer),
        new(typeof(StatuteTerms), "governance", "StatuteTerms", Direction.Answer),
        new(typeof(StatutesDraft), "governance", "StatutesRequest", Direction.Body),
        new(typeof(NewStatutes), "governance", "SetStatutesRequest", Direction.Body),
        new(typeof(GovernanceMember), "governance", "MemberView", Direction.Answer),
        new(typeof(NewGovernanceMember), "governance", "AdmitMemberRequest", Direction.Body),
        new(typeof(ProposalSummary), "governance", "ProposalSummary", Direction.Answer),
        new(typeof(FeeChange), "governance", "FeeChange", Direction.Answer),
        new(typeof(Admission), "governance", "Admission", Direction.Answer),
        new(typeof(HeldProxy), "governance", "HeldProxy", Direction.Answer),
        new(typeof(MyPart), "governance", "MyPart", Direction.Answer),
        new(typeof(VoteView), "governance", "VoteView", Direction.Answer),
        new(typeof(CollegeCount), "governance", "CollegeCount", Direction.Answer),
        new(typeof(Outcome), "governance", "Outcome", Direction.Answer),
        new(typeof(Proposal), "governance", "ProposalView", Direction.Answer),
        new(typeof(NewFeeChange), "governance", "FeeChangeRequest", Direction.Body),
        new(typeof(NewAdmission), "governance", "AdmissionRequest", Direction.Body),
        new(typeof(NewProposal), "governance", "OpenProposalRequest", Direction.Body),
        new(typeof(BallotChoice), "governance", "CastBallotRequest", Direction.Body),
        new(typeof(ProxyHolder), "governance", "GiveProxyRequest", Direction.Body),
        new(typeof(ElectorateCollege), "governance", "ElectorateCollege", Direction.Answer),
        new(typeof(RecordEntry), "governance", "RecordEntry", Direction.Answer),
        new(typeof(ProposalRecord), "governance", "ProposalRecord", Direction.Answer),
        new(typeof(ProposalVerification), "governance", "ProposalVerification", Direction.Answer),
    ];

    /// <summary>Records of the web app's API that no OpenAPI document describes, and why.</summary>
    private static readonly Dictionary<Type, string> NotInADocument = new()
    {
        [typeof(ProductQuery)] = "the search page's filters, sent as a query string",
        [typeof(CategoryNames)] = "the cooperative's category list as the pages look a product's category up in it, never sent",
        [typeof(FoodCodes)] = "the Catalog's fixed lists of allergen, label and unit codes (ADR 41), for the forms",
        [typeof(SignInAnswer)] = "what the web app makes of the token endpoint's answer (tokens, or for how long the address is locked), never sent",
    };

    /// <summary>The operations the web app calls (by operationId) and the record it reads their answer into.</summary>
    private static readonly IReadOnlyList<(string Service, string Operation, Type Record)> Operations =
    [
        ("platform", "ListCooperatives", typeof(CooperativesPage)),
        ("platform", "GetCooperative", typeof(Cooperative)),
        ("platform", "OnboardCooperative", typeof(Cooperative)),
        ("platform", "SignUp", typeof(Account)),
        ("platform", "ListMembers", typeof(MembersPage)),
        ("platform", "AddMember", typeof(Membership)),
        ("platform", "IssueToken", typeof(Tokens)),
        ("platform", "GetLegalPage", typeof(LegalPage)),
        ("platform", "WriteLegalPage", typeof(LegalPage)),
        ("catalog", "ListShops", typeof(Shop)),
        ("catalog", "GetShop", typeof(Shop)),
        ("catalog", "RegisterShop", typeof(Shop)),
        ("catalog", "ApproveShop", typeof(Shop)),
        ("catalog", "ChangeShopDetails", typeof(Shop)),
        ("catalog", "SetShopClosures", typeof(Shop)),
        ("catalog", "ListShopProducts", typeof(Product)),
        ("catalog", "GetShopProduct", typeof(Product)),
        ("catalog", "GetProduct", typeof(Product)),
        ("catalog", "UploadProductPhoto", typeof(Photo)),
        ("catalog", "ListProduct", typeof(Product)),
        ("catalog", "ChangeProductDetails", typeof(Product)),
        ("catalog", "ChangeProductPrice", typeof(Product)),
        ("catalog", "ArchiveProduct", typeof(Product)),
        ("catalog", "ReactivateProduct", typeof(Product)),
        ("catalog", "AdjustStock", typeof(Product)),
        ("catalog", "CountStock", typeof(Product)),
        ("catalog", "UploadImport", typeof(ImportPreview)),
        ("catalog", "GetImport", typeof(ImportPreview)),
        ("catalog", "CommitImport", typeof(ImportResult)),
        ("catalog", "GetKeptImportFile", typeof(KeptImportFile)),
        ("catalog", "PreviewKeptImportFile", typeof(ImportPreview)),
        ("catalog", "SearchProducts", typeof(SearchResults)),
        ("catalog", "ListCategories", typeof(Category)),
        ("catalog", "ListProductCategories", typeof(ProductCategory)),
        ("catalog", "CreateProductCategory", typeof(ProductCategory)),
        ("catalog", "RenameProductCategory", typeof(ProductCategory)),
        ("catalog", "MoveProductCategory", typeof(ProductCategory)),
        ("catalog", "ListProductQuestions", typeof(Question)),
        ("catalog", "ListShopQuestions", typeof(Question)),
        ("catalog", "AnswerQuestion", typeof(Question)),
        ("catalog", "GetStockAlert", typeof(StockAlert)),
        ("catalog", "AskStockAlert", typeof(StockAlert)),
        ("ordering", "GetBasket", typeof(Basket)),
        ("ordering", "SetBasketLine", typeof(Basket)),
        ("ordering", "RemoveBasketLine", typeof(Basket)),
        ("ordering", "ListShopOrders", typeof(ShopOrdersPage)),
        ("ordering", "AcceptSubOrder", typeof(ShopOrder)),
        ("ordering", "RefuseSubOrder", typeof(ShopOrder)),
        ("ordering", "CancelAcceptedSubOrder", typeof(ShopOrder)),
        ("ordering", "MarkSubOrderReady", typeof(ShopOrder)),
        ("ordering", "MarkSubOrderHandedOver", typeof(ShopOrder)),
        ("ordering", "ListCooperativeOrders", typeof(CoopOrdersPage)),
        ("ordering", "PlaceOrder", typeof(Order)),
        ("ordering", "ListMyOrders", typeof(OrdersPage)),
        ("ordering", "GetOrder", typeof(Order)),
        ("ordering", "CancelOrder", typeof(Order)),
        ("ordering", "CancelSubOrder", typeof(Order)),
        ("payments", "GetOrderPayment", typeof(OrderPayment)),
        ("payments", "GetShopPayouts", typeof(ShopPayouts)),
        ("payments", "StartShopOnboarding", typeof(OnboardingLink)),
        ("payments", "GetShopStatement", typeof(ShopStatement)),
        ("payments", "GetShopDocuments", typeof(PaymentDocument)),
        ("payments", "GetOrderPaymentDocuments", typeof(PaymentDocument)),
        ("payments", "GetFeePolicy", typeof(FeePolicy)),
        ("payments", "GetLedger", typeof(Ledger)),
        ("payments", "Reconcile", typeof(Reconciliation)),
        ("payments", "GetReconciliationReports", typeof(NightlyReconciliation)),
        ("governance", "GetStatutes", typeof(Statutes)),
        ("governance", "SetStatutes", typeof(Statutes)),
        ("governance", "ListGovernanceMembers", typeof(GovernanceMember)),
        ("governance", "GetMyMembership", typeof(GovernanceMember)),
        ("governance", "AdmitMember", typeof(GovernanceMember)),
        ("governance", "ListProposals", typeof(ProposalSummary)),
        ("governance", "OpenProposal", typeof(Proposal)),
        ("governance", "GetProposal", typeof(Proposal)),
        ("governance", "CastBallot", typeof(Proposal)),
        ("governance", "GiveProxy", typeof(Proposal)),
        ("governance", "WithdrawProxy", typeof(Proposal)),
        ("governance", "GetProposalRecord", typeof(ProposalRecord)),
        ("governance", "VerifyProposal", typeof(ProposalVerification)),
    ];

    public static TheoryData<string> Records() => [.. Table.Select(mapping => mapping.Record.Name)];

    [Theory]
    [MemberData(nameof(Records))]
    public void The_record_matches_its_schema_in_the_service_document(string record)
    {
        // Given the record's row of the table and the service's document as the build wrote it
        var mapping = Table.Single(row => row.Record.Name == record);

        // Then the record reads (or writes) nothing the schema does not have
        Assert.Empty(ApiSchema.Violations(ApiSchema.Document(mapping.Service), mapping, Table));
    }

    [Fact]
    public void Every_operation_the_web_app_calls_answers_the_schema_of_its_record()
    {
        // Given the operations the web app calls
        var documents = Operations.Select(call => call.Service).Distinct().ToDictionary(service => service, ApiSchema.Document);

        // Then each still exists and answers with the schema the table maps the record to
        Assert.All(Operations, call => Assert.Equal(
            Table.Single(mapping => mapping.Record == call.Record).Schema,
            ApiSchema.ResponseSchema(documents[call.Service], call.Operation)));
    }

    [Fact]
    public void Every_record_of_the_web_api_is_in_the_table()
    {
        // Given the records the web app declares for the services
        var records = typeof(MarketplaceApi).Assembly.GetTypes()
            .Where(type => type.Namespace is "Marketplace.Web.Api.Catalog" or "Marketplace.Web.Api.Platform" or "Marketplace.Web.Api.Governance" && type is { IsClass: true, IsNested: false })
            .ToList();

        // Then each is held against a schema, or said to be in no document
        var unmapped = records.Where(type => !Table.Any(mapping => mapping.Record == type) && !NotInADocument.ContainsKey(type)).Select(type => type.Name).ToList();
        Assert.NotEmpty(records);
        Assert.Empty(unmapped);
    }

    [Fact]
    public void Documents_were_written_by_the_build()
    {
        // Given the committed documents
        foreach (var service in new[] { "catalog", "governance", "ordering", "payments", "platform" })
        {
            // Then each describes its service (a build that could not run the service would write none)
            var document = ApiSchema.Document(service);
            Assert.Equal($"Marketplace {service} API", (string?)document["info"]?["title"]);
            Assert.NotEmpty(document["paths"]!.AsObject());
        }
    }

    // --- each check, fed a made-up violation, reports it ---

    private const string Made = """
        {
          "paths": {
            "/things/{id}": { "get": { "operationId": "GetThing", "responses": { "200": { "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Thing" } } } } } } } }
          },
          "components": { "schemas": {
            "Thing": {
              "required": ["id", "name", "note", "count", "state", "place", "tags"],
              "type": "object",
              "properties": {
                "id": { "type": "string", "format": "uuid" },
                "name": { "type": "string" },
                "note": { "type": ["null", "string"] },
                "count": { "type": "integer", "format": "int32" },
                "state": { "$ref": "#/components/schemas/ThingState" },
                "place": { "oneOf": [{ "type": "null" }, { "$ref": "#/components/schemas/Place" }] },
                "tags": { "type": "array", "items": { "type": "string" } },
                "optional": { "type": "string" }
              }
            },
            "ThingState": { "enum": ["open", "closed"], "type": "string" },
            "Place": { "required": ["city"], "type": "object", "properties": { "city": { "type": "string" } } }
          } }
        }
        """;

    [Fact]
    public void A_record_that_matches_the_made_up_schema_is_accepted()
    {
        Assert.Empty(Check(typeof(Thing)));
    }

    [Fact]
    public void A_renamed_property_is_reported()
    {
        var violation = Assert.Single(Check(typeof(ThingRenamed)));
        Assert.Contains("ThingRenamed.Title (made Thing.title): not in the schema", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_property_of_another_JSON_type_is_reported()
    {
        var violation = Assert.Single(Check(typeof(ThingCountAsText)));
        Assert.Contains("Count (made Thing.count): the record has string, the schema integer", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_property_read_non_null_that_the_schema_allows_null_is_reported()
    {
        var violation = Assert.Single(Check(typeof(ThingNoteRequired)));
        Assert.Contains("Note (made Thing.note): the record holds it non-null, the schema allows null", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_property_read_non_null_that_the_schema_does_not_require_is_reported()
    {
        var violation = Assert.Single(Check(typeof(ThingOptionalRequired)));
        Assert.Contains("Optional (made Thing.optional): the record holds it non-null, the schema does not require it", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_enum_value_the_schema_does_not_list_is_reported_and_Unknown_is_not()
    {
        var violation = Assert.Single(Check(typeof(ThingWithMoreStates)));
        Assert.Contains("MoreThingStates has \"archived\"", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_renamed_property_of_a_nested_record_is_reported()
    {
        var violation = Assert.Single(Check(typeof(ThingInARenamedPlace)));
        Assert.Contains("RenamedPlace.Town (made Place.town): not in the schema", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_sending_null_where_the_schema_refuses_it_is_reported()
    {
        var violation = Assert.Single(Check(typeof(ThingNameMaybeNull), Direction.Body));
        Assert.Contains("Name (made Thing.name): the record may send null, the schema does not allow it", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schema_the_service_no_longer_has_is_reported()
    {
        var mapping = new SchemaMapping(typeof(Thing), "made", "Gone", Direction.Answer);
        Assert.Equal(["Thing: made has no schema Gone"], ApiSchema.Violations(JsonNode.Parse(Made)!.AsObject(), mapping, [mapping]));
    }

    [Fact]
    public void An_operation_answers_the_schema_of_its_items()
    {
        Assert.Equal("Thing", ApiSchema.ResponseSchema(JsonNode.Parse(Made)!.AsObject(), "GetThing"));
        Assert.Null(ApiSchema.ResponseSchema(JsonNode.Parse(Made)!.AsObject(), "GetOtherThing"));
    }

    [Fact]
    public void A_copy_of_a_web_record_with_a_property_renamed_fails_against_the_real_document()
    {
        // Given ShopAddress as the web app has it, but with "postcode" renamed "postalCode"
        var mapping = new SchemaMapping(typeof(RenamedShopAddress), "catalog", "ShopAddress", Direction.Answer);

        // Then the Catalog's document refuses it
        var violation = Assert.Single(ApiSchema.Violations(ApiSchema.Document("catalog"), mapping, Table));
        Assert.Contains("RenamedShopAddress.PostalCode (catalog ShopAddress.postalCode): not in the schema", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_status_the_web_app_does_not_know_reads_as_Unknown_and_a_known_one_as_itself()
    {
        // Given shops as the Catalog writes them, one with a status added after this web app was built
        static Shop Read(string status) => JsonSerializer.Deserialize<Shop>(
            $$"""{"id":"{{Guid.Empty}}","name":"Boulangerie","owners":[],"status":"{{status}}","registeredAt":"2026-01-01T00:00:00Z","acceptsOrders":false}""",
            MarketplaceApi.Json)!;

        // Then the page gets Unknown instead of an error, and the known ones as they are
        Assert.Equal(ShopStatus.Unknown, Read("suspended").Status);
        Assert.Equal(ShopStatus.Approved, Read("approved").Status);
        Assert.Equal(ShopStatus.Pending, Read("pending").Status);
        Assert.False(Read("suspended").IsApproved);
    }

    [Fact]
    public void Statuses_are_written_and_read_in_camelCase()
    {
        Assert.Equal("\"committed\"", JsonSerializer.Serialize(ImportStatus.Committed, MarketplaceApi.Json));
        Assert.Equal(ProductStatus.Archived, JsonSerializer.Deserialize<ProductStatus>("\"archived\"", MarketplaceApi.Json));
        Assert.Equal(ImportAction.Unchanged, JsonSerializer.Deserialize<ImportAction?>("\"unchanged\"", MarketplaceApi.Json));
        Assert.Null(JsonSerializer.Deserialize<ImportAction?>("null", MarketplaceApi.Json));
        Assert.Equal("unanswered", QuestionFilter.Unanswered.Wire());
    }

    [Fact]
    public void An_enum_without_Unknown_refuses_a_value_it_does_not_know()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ProductListFilter>("\"sold\"", MarketplaceApi.Json));
    }

    private static IReadOnlyList<string> Check(Type record, Direction direction = Direction.Answer)
    {
        var mapping = new SchemaMapping(record, "made", "Thing", direction);
        return ApiSchema.Violations(JsonNode.Parse(Made)!.AsObject(), mapping, [mapping]);
    }

    internal enum ThingState
    {
        Unknown,
        Open,
        Closed,
    }

    internal enum MoreThingStates
    {
        Unknown,
        Open,
        Closed,
        Archived,
    }

    internal sealed record Place(string City);

    internal sealed record RenamedPlace(string Town);

    internal sealed record Thing(Guid Id, string Name, string? Note, int Count, ThingState State, Place? Place, IReadOnlyList<string> Tags);

    internal sealed record ThingRenamed(Guid Id, string Title);

    internal sealed record ThingCountAsText(Guid Id, string Count);

    internal sealed record ThingNoteRequired(Guid Id, string Note);

    internal sealed record ThingOptionalRequired(Guid Id, string Optional);

    internal sealed record ThingWithMoreStates(Guid Id, MoreThingStates State);

    internal sealed record ThingInARenamedPlace(Guid Id, RenamedPlace? Place);

    internal sealed record ThingNameMaybeNull(Guid Id, string? Name);

    internal sealed record RenamedShopAddress(string Line1, string? Line2, string PostalCode, string City);
}
