using Marketplace.Contracts;
using Marketplace.Contracts.Ordering;
using Contract = Marketplace.Contracts.Catalog;

namespace Marketplace.UnitTests.Architecture;

/// <summary>Each architecture rule, fed a made-up violation, reports it.</summary>
public class ArchitectureRulesTests
{
    private static readonly string ServicesFolder = Path.Combine(Path.GetTempPath(), "repo", "services");

    private static readonly IReadOnlySet<string> Services = new HashSet<string>(StringComparer.Ordinal) { "Catalog", "Ordering", "Platform" };

    [Fact]
    public void Project_reference_to_another_service_is_reported()
    {
        // Given a Catalog project referencing the shared defaults and the Ordering service
        const string Project = """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <ItemGroup>
                <ProjectReference Include="..\..\shared\Marketplace.ServiceDefaults\Marketplace.ServiceDefaults.csproj" />
                <ProjectReference Include="..\Ordering\Marketplace.Ordering.csproj" />
              </ItemGroup>
            </Project>
            """;

        // When the rule reads it
        var violations = ArchitectureRules.ReferencesToOtherServices(
            ServicesFolder, "Catalog", Path.Combine(ServicesFolder, "Catalog", "Marketplace.Catalog.csproj"), Project);

        // Then the Ordering reference, and only it, is reported
        var violation = Assert.Single(violations);
        Assert.Contains("Marketplace.Ordering.csproj", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Project_reference_within_the_same_service_is_allowed()
    {
        // Given a Catalog project referencing a library in its own folder
        const string Project = """<Project><ItemGroup><ProjectReference Include="Search/Catalog.Search.csproj" /></ItemGroup></Project>""";

        // Then nothing is reported
        Assert.Empty(ArchitectureRules.ReferencesToOtherServices(
            ServicesFolder, "Catalog", Path.Combine(ServicesFolder, "Catalog", "Marketplace.Catalog.csproj"), Project));
    }

    [Fact]
    public void Assembly_reference_to_another_service_is_reported()
    {
        // Given a Catalog assembly referencing the shared assemblies, the runtime and Ordering
        var referenced = new[] { "System.Runtime", "Marketplace.Contracts", "Marketplace.ServiceDefaults", "Marketplace.Ordering" }
            .Select(name => new System.Reflection.AssemblyName(name));

        // Then Ordering, and only it, is reported
        Assert.Equal(["Marketplace.Catalog references Marketplace.Ordering"], ArchitectureRules.ForbiddenMarketplaceReferences("Marketplace.Catalog", referenced));
    }

    [Fact]
    public void Reference_beyond_the_base_library_is_reported()
    {
        // Given contracts that came to reference a package
        var referenced = new[] { "System.Runtime", "netstandard", "mscorlib", "System", "MassTransit.Abstractions" }
            .Select(name => new System.Reflection.AssemblyName(name));

        // Then the package is reported
        Assert.Equal(["MassTransit.Abstractions is not part of the base library"], ArchitectureRules.BeyondBaseLibrary(referenced));
    }

    [Fact]
    public void Package_and_project_references_of_the_contracts_project_are_reported()
    {
        // Given a contracts project with a package and a project reference
        const string Project = """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="MassTransit.Abstractions" />
                <ProjectReference Include="..\Marketplace.ServiceDefaults\Marketplace.ServiceDefaults.csproj" />
              </ItemGroup>
            </Project>
            """;

        // Then both are reported
        Assert.Equal(2, ArchitectureRules.Dependencies(Project).Count);
    }

    [Fact]
    public void Integration_event_that_is_not_a_sealed_record_is_reported()
    {
        // Given a class and an unsealed record implementing IIntegrationEvent
        var violations = ArchitectureRules.MisshapenContracts([typeof(ClassEvent), typeof(UnsealedEvent)], Services);

        // Then each is reported as not a sealed record
        Assert.Contains(violations, v => v.StartsWith(typeof(ClassEvent).FullName + " is not a sealed record", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith(typeof(UnsealedEvent).FullName + " is not a sealed record", StringComparison.Ordinal));
    }

    [Fact]
    public void Integration_event_outside_a_service_namespace_is_reported()
    {
        // Given a sealed record event declared outside Marketplace.Contracts.<Service>
        var violation = Assert.Single(ArchitectureRules.MisshapenContracts([typeof(EventOutsideContracts)], Services));

        // Then its namespace is reported
        Assert.Contains("is not in Marketplace.Contracts.<Service>", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Integration_event_of_a_service_that_does_not_exist_is_reported()
    {
        // Given a Catalog contract while no Catalog service exists
        var withoutCatalog = new HashSet<string>(StringComparer.Ordinal) { "Ordering", "Platform" };

        // Then the contract is reported, and a well-formed contract of an existing service is not
        Assert.Single(ArchitectureRules.MisshapenContracts([typeof(Contract.ShopRegistered), typeof(ShopOpenedForOrders)], withoutCatalog));
    }

    [Fact]
    public void Integration_event_declared_outside_the_contracts_is_reported()
    {
        // Given this test assembly, which declares made-up events
        var violations = ArchitectureRules.IntegrationEventsIn(typeof(ArchitectureRulesTests).Assembly);

        // Then they are reported
        Assert.Contains(violations, v => v.StartsWith(typeof(EventOutsideContracts).FullName!, StringComparison.Ordinal));
    }

    [Fact]
    public void Mapper_publishing_another_services_contract_is_reported()
    {
        // Given an Ordering mapper that maps to a Catalog contract
        var mapper = new SourceFile("services/Ordering/Shops/OrderingIntegrationEvents.cs", """
            using Contract = Marketplace.Contracts.Catalog;
            internal sealed class OrderingIntegrationEvents : IIntegrationEventMapper
            {
                public IIntegrationEvent? Map(IEvent committed, TenantId? database) => new Contract.ShopRegistered(default, default, "", default);
            }
            """);

        // Then the file is reported
        var violation = Assert.Single(ArchitectureRules.ForeignContractsOutsideConsumers("Ordering", [mapper], Services));
        Assert.Contains("Marketplace.Contracts.Catalog", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Consumer_of_another_services_contract_is_allowed()
    {
        // Given consumers of Catalog's and Platform's contracts, and a file naming only the service's own contracts
        var consumer = new SourceFile("a.cs", """
            using Contract = Marketplace.Contracts.Catalog;
            internal sealed class OpenShopForOrders(CooperativeSessions sessions, TimeProvider clock, ILogger<OpenShopForOrders> logger)
                : CooperativeConsumer<Contract.ShopRegistered>(sessions, clock, logger);
            """);
        var plain = new SourceFile("b.cs", "public sealed class Apply : IConsumer<Marketplace.Contracts.Platform.CooperativeOnboarded>;");
        var own = new SourceFile("c.cs", "using Contract = Marketplace.Contracts.Ordering; using Marketplace.Contracts;");

        // Then nothing is reported
        Assert.Empty(ArchitectureRules.ForeignContractsOutsideConsumers("Ordering", [consumer, plain, own], Services));
    }

    [Fact]
    public void File_mapping_two_endpoints_is_reported()
    {
        // Given a file with two use cases and one with a single use case
        var two = new SourceFile("services/Catalog/Products/Managing/ManageProducts.cs", """
            shop.MapPost("/products/{product:guid}/archive", (Guid product) => Results.Ok());
            shop.MapPost("/products/{product:guid}/reactivate", (Guid product) => Results.Ok());
            """);
        var one = new SourceFile("services/Catalog/Products/Archiving/ArchiveProduct.cs", """
            shop.MapPost("/products/{product:guid}/archive", (Guid product) => Results.Ok());
            """);

        // Then only the first is reported, with its count
        Assert.Equal("services/Catalog/Products/Managing/ManageProducts.cs maps 2 endpoints", Assert.Single(ArchitectureRules.SeveralUseCasesInOneFile([two, one])));
    }

    private sealed class ClassEvent : IIntegrationEvent
    {
        public TenantId Tenant => default;
    }

#pragma warning disable CA1852 // Unsealed on purpose: the rule under test must report it.
    private record UnsealedEvent(TenantId Tenant) : IIntegrationEvent;
#pragma warning restore CA1852
}

internal sealed record EventOutsideContracts(TenantId Tenant) : IIntegrationEvent;
