using System.Reflection;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;

namespace Marketplace.UnitTests.Architecture;

/// <summary>Service boundaries, checked on the source tree and on the compiled assemblies.</summary>
public partial class ArchitectureTests
{
    public static TheoryData<string> Services => [.. Repository.ServiceNames.Order()];

    /// <summary>The services that store events and relay them; the gateway and the web app store and publish nothing.</summary>
    public static TheoryData<string> EventSourcedServices => [.. Repository.ServiceNames.Where(service => service is not ("Gateway" or "Web")).Order()];

    [Fact]
    public void Every_service_is_checked()
    {
        // Given the folders under services/ that hold a project
        // Then there are services, and this project references each of them (or the assembly checks would skip one)
        Assert.NotEmpty(Repository.ServiceNames);
        Assert.All(Repository.ServiceNames, service => Assert.NotNull(ServiceAssembly(service)));
    }

    public static TheoryData<string> StandIns => [.. Repository.StandIns.Keys.Order()];

    [Theory]
    [MemberData(nameof(StandIns))]
    public void Stand_in_is_a_project_of_its_own_that_nothing_ships_with(string standIn)
    {
        // Given a stand-in for an external system exempted from the service rules by name
        var folder = Path.Combine(Repository.Services, standIn);
        var project = Assert.Single(Directory.GetFiles(folder, "*.csproj"));

        // Then it references no Marketplace project (it is not part of the product)
        AssertNone(ArchitectureRules.Dependencies(File.ReadAllText(project)).Where(dependency => dependency.StartsWith("ProjectReference", StringComparison.Ordinal)));

        // And no service references it (Payments talks to it over HTTP, as to Stripe)
        AssertNone(Repository.ServiceProjects.SelectMany(service =>
            ArchitectureRules.ReferencesToOtherServices(Repository.Services, service.Key, service.Value, File.ReadAllText(service.Value)))
            .Where(violation => violation.Contains(standIn, StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_project_references_no_other_service_project(string service)
    {
        // Given the service's project file
        var project = Repository.ServiceProjects[service];

        // When its ProjectReference items are resolved
        var violations = ArchitectureRules.ReferencesToOtherServices(Repository.Services, service, project, File.ReadAllText(project));

        // Then none points into another service's folder
        AssertNone(violations);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_assembly_references_only_shared_marketplace_assemblies(string service)
    {
        // Given the compiled service
        var assembly = ServiceAssembly(service);

        // When its references are read
        var violations = ArchitectureRules.ForbiddenMarketplaceReferences(assembly.GetName().Name!, assembly.GetReferencedAssemblies());

        // Then its only Marketplace.* references are Contracts, Hosting and ServiceDefaults
        AssertNone(violations);
    }

    [Theory]
    [InlineData("Gateway")]
    [InlineData("Web")]
    public void Host_without_a_store_carries_no_store_and_no_broker(string service)
    {
        // Given a host that stores and publishes nothing, and the hosting defaults it is built on
        var assemblies = new[] { ServiceAssembly(service), typeof(Marketplace.Hosting.HostingDefaults).Assembly };

        // When their references are read
        var violations = assemblies
            .SelectMany(assembly => assembly.GetReferencedAssemblies().Select(reference => (Assembly: assembly.GetName().Name, Reference: reference.Name ?? "")))
            .Where(pair => pair.Reference is "Marketplace.ServiceDefaults" || StoreOrBroker.Any(prefix => pair.Reference.StartsWith(prefix, StringComparison.Ordinal)))
            .Select(pair => $"{pair.Assembly} references {pair.Reference}")
            .ToList();

        // Then none reaches the event store, tenancy or messaging
        AssertNone(violations);
    }

    private static readonly string[] StoreOrBroker = ["Marten", "JasperFx", "Weasel", "Npgsql", "MassTransit", "RabbitMQ"];

    [Fact]
    public void Contracts_assembly_references_only_the_base_library()
    {
        // Given the compiled contracts
        var referenced = typeof(IIntegrationEvent).Assembly.GetReferencedAssemblies();

        // Then every referenced assembly is System.*, netstandard or mscorlib
        Assert.NotEmpty(referenced);
        AssertNone(ArchitectureRules.BeyondBaseLibrary(referenced));
    }

    [Fact]
    public void Contracts_project_has_no_package_project_or_framework_reference()
    {
        // Given the contracts' project file
        var project = Path.Combine(Repository.Root, "shared", "Marketplace.Contracts", "Marketplace.Contracts.csproj");

        // Then it depends on nothing but the SDK's base library
        AssertNone(ArchitectureRules.Dependencies(File.ReadAllText(project)));
    }

    [Fact]
    public void Every_integration_event_is_a_sealed_record_owned_by_a_service()
    {
        // Given the integration events of the contracts
        var types = typeof(IIntegrationEvent).Assembly.GetTypes();
        Assert.Contains(types, type => type != typeof(IIntegrationEvent) && typeof(IIntegrationEvent).IsAssignableFrom(type));

        // Then each is a sealed record in Marketplace.Contracts.<Service> of an existing service
        AssertNone(ArchitectureRules.MisshapenContracts(types, Repository.ServiceNames));
    }

    [Fact]
    public void Integration_events_are_declared_only_in_the_contracts()
    {
        // Given the service and service-defaults assemblies
        var assemblies = Repository.ServiceNames.Select(ServiceAssembly).Append(typeof(IIntegrationEventMapper).Assembly);

        // Then none declares an integration event of its own
        AssertNone(assemblies.SelectMany(ArchitectureRules.IntegrationEventsIn));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_names_another_services_contracts_only_in_its_consumers(string service)
    {
        // Given the service's source files
        var files = Repository.SourceFilesOf(service).ToList();
        Assert.NotEmpty(files);

        // Then only its consumers mention another service's contracts: its relay mapper publishes its own only
        AssertNone(ArchitectureRules.ForeignContractsOutsideConsumers(service, files, Repository.ServiceNames));
    }

    [Theory]
    [MemberData(nameof(EventSourcedServices))]
    public void Service_has_one_relay_mapper(string service)
    {
        // Given the compiled service
        var mappers = ServiceAssembly(service).GetTypes()
            .Where(type => typeof(IIntegrationEventMapper).IsAssignableFrom(type) && type is { IsAbstract: false, IsInterface: false });

        // Then exactly one type maps its committed events to contracts, in the service's own namespace
        var mapper = Assert.Single(mappers);
        Assert.StartsWith($"Marketplace.{service}.", mapper.FullName, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_writes_one_use_case_per_file(string service) =>
        AssertNone(ArchitectureRules.SeveralUseCasesInOneFile(Repository.SourceFilesOf(service)));

    [Theory]
    [MemberData(nameof(EventSourcedServices))]
    public void Every_consumer_has_a_stable_name_unique_in_its_service(string service)
    {
        // Given the service's consumers and the shared ones every service registers
        var consumers = new[] { ServiceAssembly(service), typeof(ConsumerNameAttribute).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => typeof(MassTransit.IConsumer).IsAssignableFrom(type) && type is { IsAbstract: false, IsInterface: false })
            .ToList();
        Assert.NotEmpty(consumers);

        // Then each names its queue and de-duplication keys itself, in kebab case, and no two share a name
        AssertNone(consumers
            .Where(type => type.GetCustomAttribute<ConsumerNameAttribute>() is not { Name: var name } || !KebabCase().IsMatch(name))
            .Select(type => $"{type.FullName} has no [ConsumerName(\"kebab-case-name\")]"));
        AssertNone(consumers
            .GroupBy(type => type.GetCustomAttribute<ConsumerNameAttribute>()!.Name)
            .Where(same => same.Count() > 1)
            .Select(same => $"{same.Key} names {string.Join(", ", same.Select(t => t.Name))}"));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial System.Text.RegularExpressions.Regex KebabCase();

    /// <summary>Fails with every violation in full (Assert.Empty would truncate them).</summary>
    private static void AssertNone(IEnumerable<string> violations)
    {
        var found = violations.ToList();
        if (found.Count > 0)
        {
            Assert.Fail($"{found.Count} violation(s):{Environment.NewLine}{string.Join(Environment.NewLine, found)}");
        }
    }

    private static Assembly ServiceAssembly(string service) =>
        Assembly.Load(Path.GetFileNameWithoutExtension(Repository.ServiceProjects[service]));
}
