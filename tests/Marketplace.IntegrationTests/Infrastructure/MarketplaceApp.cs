using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Marketplace.Catalog;
using Marketplace.Contracts;
using Marketplace.Governance;
using Marketplace.Governance.Proposals;
using Marketplace.Hosting;
using Marketplace.IntegrationTests.StripeSandbox;
using Marketplace.Ordering;
using Marketplace.Payments;
using Marketplace.Platform;
using Marketplace.ServiceDefaults.Tenancy;
using Marketplace.StripeSandbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using netDumbster.smtp;
using Npgsql;

namespace Marketplace.IntegrationTests.Infrastructure;

/// <summary>
/// The services (Platform, Catalog, Ordering, Payments, Governance), each its own host as in production, sharing one real PostgreSQL server and one
/// real RabbitMQ, started once per test run. Test classes never share a cooperative: each onboards its
/// own through the real API (<see cref="OnboardAsync"/>), so they can run in parallel.
/// </summary>
public sealed class MarketplaceApp
{
    public const string Issuer = "https://marketplace-tests.local/";
    public const string Audience = "marketplace-api";

    /// <summary>The run's signing key pair: the Platform signs with it, every service validates with its public half, and <see cref="Token(string[])"/> mints with it.</summary>
    private static readonly string SigningPrivateKey = RSA.Create(2048).ExportPkcs8PrivateKeyPem();

    public static readonly SigningCredentials Credentials = new(TokenSettings.ImportKey(SigningPrivateKey), SecurityAlgorithms.RsaSha256);

    /// <summary>Every database a run creates starts with this, so the next run can drop leftovers.</summary>
    private const string RunPrefix = "it";

    /// <summary>Held while a test starts a host of its own (a gateway, a service with a fake clock): WebApplicationFactory intercepts the next host that starts in the process.</summary>
    public static readonly Lock HostStarting = new();

    private static readonly Lazy<Task<MarketplaceApp>> Shared = new(StartAsync);
    private static readonly string[] Languages = ["fr", "en"];

    private MarketplaceApp(TestInfrastructure infrastructure, string platformDatabase, Probe probe, SimpleSmtpServer mail, SandboxServer stripe)
    {
        Infrastructure = infrastructure;
        Stripe = stripe;
        Mail = mail;
        PlatformDatabase = platformDatabase;
        Probe = probe;
        Platform = new ServiceFactory<PlatformService>();
        Catalog = new ServiceFactory<CatalogService>();
        Ordering = new ServiceFactory<OrderingService>();
        Payments = new ServiceFactory<PaymentsService>();
        // Its clock is the run's to move (GovernanceClock), and it sweeps every second, so a moved clock closes a proposal soon.
        Governance = new ServiceFactory<GovernanceService>(host => host
            .UseSetting("Governance:SweepSeconds", "1")
            .ConfigureTestServices(services => services.AddSingleton<TimeProvider>(GovernanceClock)));
    }

    public TestInfrastructure Infrastructure { get; }

    /// <summary>The local Stripe sandbox Payments talks to (ADR 30), its webhooks delivered to the Payments host in this process.</summary>
    public SandboxServer Stripe { get; }

    public string PlatformDatabase { get; }

    public Probe Probe { get; }

    /// <summary>The SMTP server the Platform mails to (password resets), in this process.</summary>
    public SimpleSmtpServer Mail { get; }

    public WebApplicationFactory<PlatformService> Platform { get; }

    public WebApplicationFactory<CatalogService> Catalog { get; private set; }

    public WebApplicationFactory<OrderingService> Ordering { get; private set; }

    public WebApplicationFactory<PaymentsService> Payments { get; private set; }

    public WebApplicationFactory<GovernanceService> Governance { get; }

    /// <summary>
    /// The shared Governance host's clock: the real one (offset 0) unless a test moves it. For tests that reach that host
    /// through the gateway (the browser journeys), which cannot use a host of their own (<see cref="GovernanceWithClock"/>);
    /// moving it moves "now" for every cooperative on the shared host, so only tests that run alone may, and they put it back.
    /// </summary>
    public ShiftedClock GovernanceClock { get; } = new();

    public static Task<MarketplaceApp> GetAsync() => Shared.Value;

    private static async Task<MarketplaceApp> StartAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        await DropLeftoversAsync(infrastructure.Postgres);

        var platformDatabase = $"{RunPrefix}_platform_{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}_{Guid.NewGuid():N}"[..40];
        // The hosts read their settings from the environment, as in production; all share them.
        Set("ConnectionStrings__Postgres", infrastructure.Postgres);
        Set("ConnectionStrings__RabbitMq", infrastructure.RabbitMq.ToString());
        Set("Marketplace__PlatformDatabase", platformDatabase);
        Set("Marketplace__Auth__Issuer", Issuer);
        Set("Marketplace__Auth__Audience", Audience);
        using (var rsa = RSA.Create())
        {
            rsa.ImportFromPem(SigningPrivateKey);
            Set("Marketplace__Auth__SigningPrivateKey", SigningPrivateKey);
            Set("Marketplace__Auth__SigningPublicKey", rsa.ExportSubjectPublicKeyInfoPem());
        }

        var mail = SimpleSmtpServer.Start(FreePort());
        Set("Marketplace__Smtp__Host", "127.0.0.1");
        Set("Marketplace__Smtp__Port", mail.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("Marketplace__Smtp__From", "Marketplace <no-reply@marketplace.test>");
        Set("Marketplace__WebBaseUrl", "https://web.marketplace.test");
        Set("Marketplace__PlatformAdmins", $"platform-admin@marketplace.test;{PlatformDeskEmail}");
        // The safety sweep (for commits whose process died before relaying them) would touch every test's
        // cooperative now and then; start-up's sweep is enough here, and tests count connections.
        Set("Marketplace__RelaySweepInterval", "01:00:00");
        Set("Serilog__MinimumLevel__Default", "Warning");
        Set("Serilog__MinimumLevel__Override__MassTransit", "Error"); // the outage test makes it warn on purpose

        // Payments talks to a sandbox of the run's own through Stripe.net, as deploy/run.sh wires it; the sandbox's
        // webhooks reach the Payments host (an in-process TestServer) through its handler.
        var started = new TaskCompletionSource<MarketplaceApp>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stripe = await SandboxServer.StartAsync(configure: services =>
        {
            services.Configure<SandboxOptions>(options => options.WebhookUrls.Add(PaymentsWebhookUrl));
            services.AddHttpClient(Webhooks.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new ToPaymentsHost(started.Task));
        });
        Set("Payments__Stripe__ApiBase", stripe.Url);
        Set("Payments__Stripe__ApiKey", SandboxServer.ApiKey);
        Set("Payments__Stripe__WebhookSecret", SandboxServer.WebhookSecret);
        Set("Payments__Stripe__HostedPaymentPageBase", stripe.Url);
        Set("Payments__Stripe__PollSeconds", "1");

        var probe = await Probe.StartAsync(infrastructure.RabbitMq);
        var app = new MarketplaceApp(infrastructure, platformDatabase, probe, mail, stripe);
        started.SetResult(app);
        // One at a time: WebApplicationFactory intercepts the next host that starts in the process.
        _ = app.Platform.Server;
        _ = app.Catalog.Server;
        _ = app.Ordering.Server;
        _ = app.Payments.Server;
        _ = app.Governance.Server;
        return app;
    }

    public HttpClient PlatformClient(string? token = null) => WithToken(Platform.CreateClient(), token);

    /// <summary>
    /// A second Platform host over the same database whose requests see <paramref name="clock"/> (tests move it). Its
    /// abandoned-onboarding sweeper keeps the real clock: on a moved clock it would take every other test's onboarding
    /// in progress for one abandoned minutes ago, and undo it under that test. It takes nothing from the Platform's queues:
    /// the shared host consumes them, and a message taken by this one while it is disposed would fail there.
    /// </summary>
    public WebApplicationFactory<PlatformService> PlatformWithClock(TimeProvider clock)
    {
        var platform = Platform.WithWebHostBuilder(host => host.UseSetting("Marketplace:ConsumeMessages", "false").ConfigureTestServices(services =>
        {
            services.AddSingleton(clock);
            services.AddSingleton(provider => ActivatorUtilities.CreateInstance<Marketplace.Platform.Cooperatives.Onboarding.AbandonedOnboardingSweeper>(provider, TimeProvider.System));
            // Its mail outbox shares the database with the shared host's: on the moved clock it would claim their mails days ahead.
            services.AddSingleton(provider => ActivatorUtilities.CreateInstance<Marketplace.Platform.Notifications.MailOutbox>(provider, TimeProvider.System));
        }));
        lock (HostStarting)
        {
            _ = platform.Server;
        }

        return platform;
    }

    /// <summary>
    /// A second Governance host over the same databases whose clock is <paramref name="clock"/> (tests move it to pass a
    /// proposal's deadline). Its sweeper visits <paramref name="coop"/> only, every second: on a moved clock it would
    /// close the proposals of the other tests' cooperatives days early. It takes nothing from Governance's queues.
    /// </summary>
    public WebApplicationFactory<GovernanceService> GovernanceWithClock(TimeProvider clock, TenantId coop)
    {
        var governance = Governance.WithWebHostBuilder(host => host
            .UseSetting("Marketplace:ConsumeMessages", "false")
            .ConfigureTestServices(services =>
            {
                services.AddSingleton(clock);
                foreach (var sweeper in services.Where(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(ProposalSweeper)).ToList())
                {
                    services.Remove(sweeper);
                }

                services.AddHostedService(provider => new OneCooperativeSweeper(provider.GetRequiredService<GovernanceDesk>(), coop));
            }));
        lock (HostStarting)
        {
            _ = governance.Server;
        }

        return governance;
    }

    /// <summary>
    /// Stops a service's host as a shutdown does: its relay, consumers and sweepers stop, its HTTP API no longer answers,
    /// and what is published for it waits in its queues. Only for a test that runs alone (in a collection with
    /// DisableParallelization): every other test shares these hosts. <see cref="Start"/> brings it back.
    /// </summary>
    public async Task StopAsync(Service service)
    {
        switch (service)
        {
            case Service.Catalog:
                await Catalog.DisposeAsync();
                break;
            case Service.Ordering:
                await Ordering.DisposeAsync();
                break;
            case Service.Payments:
                await Payments.DisposeAsync();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(service), service, null);
        }
    }

    /// <summary>A new host of a service stopped by <see cref="StopAsync"/>, over the same databases and broker, as a process started again.</summary>
    public void Start(Service service)
    {
        lock (HostStarting)
        {
            switch (service)
            {
                case Service.Catalog:
                    Catalog = new ServiceFactory<CatalogService>();
                    _ = Catalog.Server;
                    break;
                case Service.Ordering:
                    Ordering = new ServiceFactory<OrderingService>();
                    _ = Ordering.Server;
                    break;
                case Service.Payments:
                    Payments = new ServiceFactory<PaymentsService>();
                    _ = Payments.Server;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(service), service, null);
            }
        }
    }

    /// <summary>A second Catalog host over the same databases and queues, as a second replica: it takes its share of every queue.</summary>
    public static WebApplicationFactory<CatalogService> CatalogReplica()
    {
        var replica = new ServiceFactory<CatalogService>();
        lock (HostStarting)
        {
            _ = replica.Server;
        }

        return replica;
    }

    public async Task RestartAsync(Service service)
    {
        await StopAsync(service);
        Start(service);
    }

    public HttpClient CatalogClient(string? token = null) => WithToken(Catalog.CreateClient(), token);

    public HttpClient OrderingClient(string? token = null) => WithToken(Ordering.CreateClient(), token);

    public HttpClient PaymentsClient(string? token = null) => WithToken(Payments.CreateClient(), token);

    public HttpClient GovernanceClient(string? token = null) => WithToken(Governance.CreateClient(), token);

    /// <summary>A signed access token as the Platform will issue: roles per cooperative, "slug:role".</summary>
    public static string Token(params string[] cooperativeRoles) => Token(Credentials, Issuer, cooperativeRoles);

    /// <summary>A token for a given account (sub), e.g. a shop's owner.</summary>
    public static string Token(Guid subject, params string[] cooperativeRoles) => Token(Credentials, Issuer, cooperativeRoles, subject: subject);

    /// <summary>Signed by another key than the services trust (HS256 with a shared secret).</summary>
    public static SigningCredentials HmacCredentials(string key) => new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256);

    /// <summary>Signed by an RSA key the services do not trust.</summary>
    public static SigningCredentials OtherRsaCredentials() => new(new RsaSecurityKey(RSA.Create(2048)), SecurityAlgorithms.RsaSha256);

    /// <summary>An account whose e-mail address is not confirmed yet (the Platform's tokens say so until it is).</summary>
    public static string UnconfirmedToken(Guid subject, params string[] cooperativeRoles) => Token(Credentials, Issuer, cooperativeRoles, subject: subject, emailVerified: false);

    /// <summary>A platform admin's address for this run (the browser tests sign in with it; nobody else has it).</summary>
    public static string PlatformDeskEmail => $"desk-{RunPrefix}@marketplace.test";

    /// <summary>A platform admin's token (the Platform gives it to the addresses configured in Marketplace:PlatformAdmins).</summary>
    public static string PlatformAdminToken() => Token(Credentials, Issuer, [], platformAdmin: true);

    public static string Token(SigningCredentials credentials, string issuer, string[] cooperativeRoles, DateTime? expires = null, Guid? subject = null, bool emailVerified = true, bool platformAdmin = false)
    {
        var claims = new Dictionary<string, object> { ["coop_role"] = cooperativeRoles, ["email_verified"] = emailVerified };
        if (platformAdmin)
        {
            claims[CooperativeAuthorization.PlatformRoleClaim] = CooperativeAuthorization.PlatformAdmin;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", (subject ?? Guid.NewGuid()).ToString())]),
            Claims = claims,
            Issuer = issuer,
            Audience = Audience,
            NotBefore = expires?.AddHours(-1),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(30),
            SigningCredentials = credentials,
        });
    }

    public static TenantId NewSlug() => TenantId.Parse($"{RunPrefix}-{Guid.NewGuid():N}"[..16]);

    /// <summary>
    /// Onboards a fresh cooperative and waits until Catalog, Ordering, Payments and Governance have their schema in it. As a real client does, a
    /// 503 with Retry-After (provisioning failed on a busy server: nothing kept, the slug still free) is tried again after
    /// the delay it names, a few times.
    /// </summary>
    public async Task<TenantId> OnboardAsync(TenantId? slug = null)
    {
        var tenant = slug ?? NewSlug();
        using var client = PlatformClient(Token());
        for (var attempt = 1; ; attempt++)
        {
            using var response = await client.PostAsJsonAsync("/api/cooperatives", new
            {
                slug = tenant.Value,
                name = "Coop " + tenant.Value,
                country = "FR",
                currency = "EUR",
                languages = Languages,
            });
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || response.Headers.RetryAfter?.Delta is not { } delay || attempt == 5)
            {
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                break;
            }

            await Task.Delay(delay);
        }

        await WaitUntilPreparedAsync(tenant);
        return tenant;
    }

    /// <summary>
    /// Until every service that keeps a store in the cooperative's database says it has prepared it (its
    /// <c>/health/cooperatives/{coop}</c> answers 200): what a client of a cooperative just created waits for.
    /// </summary>
    public async Task WaitUntilPreparedAsync(TenantId tenant)
    {
        foreach (var (name, server) in new[] { ("Catalog", Catalog.Server), ("Ordering", Ordering.Server), ("Payments", Payments.Server), ("Governance", Governance.Server) })
        {
            using var client = server.CreateClient();
            await Eventually.TrueAsync(
                async () =>
                {
                    using var answer = await client.GetAsync($"/health/cooperatives/{tenant}");
                    return answer.StatusCode == HttpStatusCode.OK;
                },
                $"{name} prepared {tenant}");
        }
    }

    /// <summary>A shop's details as its owner registers or saves them: open on Mondays, pickup only.</summary>
    public static object ShopDetails(string name) => new
    {
        name,
        description = new { fr = "Une boutique du quartier", en = "A local shop" },
        address = new { line1 = "12 rue de la Paix", postcode = "75002", city = "Paris" },
        openingHours = new[] { new { day = "monday", opens = "09:00", closes = "19:00" } },
        fulfilment = new { pickup = true, delivery = false },
        contact = new { email = "shop@example.org", phone = "01 23 45 67 89" },
    };

    /// <summary>
    /// Registers a shop through Catalog's API with complete details, as <paramref name="owner"/> (a member of the
    /// cooperative; a fresh account when null), approved by an admin when asked; returns its id.
    /// </summary>
    public async Task<Guid> RegisterShopAsync(TenantId tenant, string name, Guid? owner = null, bool approve = false)
    {
        using var client = CatalogClient(Token(owner ?? Guid.NewGuid(), $"{tenant}:member"));
        var response = await client.PostAsJsonAsync($"/api/coops/{tenant}/shops", ShopDetails(name));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var shop = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        if (approve)
        {
            using var admin = CatalogClient(Token($"{tenant}:admin"));
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/coops/{tenant}/shops/{shop}/approve", null)).StatusCode);
        }

        return shop;
    }

    /// <summary>
    /// Says, as the Platform does when an admin grants a role, that <paramref name="account"/> is a member of the
    /// cooperative, and waits until the Catalog knows it (ADR 51): it names only members a shop's owners. For tests about
    /// something else than memberships; <see cref="CatalogKnowsAsync"/> waits for a membership granted through the Platform.
    /// </summary>
    public async Task<Guid> MemberAsync(TenantId tenant, Guid? account = null)
    {
        var member = account ?? Guid.NewGuid();
        await Probe.PublishAsync(
            new Marketplace.Contracts.Platform.MembershipChanged(tenant, member, ["member"], 1, DateTimeOffset.UtcNow), Guid.NewGuid(), tenant.Value);
        await CatalogKnowsAsync(tenant, member, isMember: true);
        return member;
    }

    /// <summary>Until the Catalog's copy of the cooperative's members says <paramref name="account"/> is (or is no longer) one.</summary>
    public Task CatalogKnowsAsync(TenantId tenant, Guid account, bool isMember)
    {
        var sessions = Catalog.Services.GetRequiredService<CooperativeSessions>();
        return Eventually.TrueAsync(
            async () =>
            {
                await using var session = sessions.QuerySession(tenant);
                return (await session.LoadAsync<Marketplace.Catalog.Shops.AddingOwner.CooperativeMember>(account))?.IsMember == isMember;
            },
            $"the Catalog of {tenant} knows whether {account} is a member ({isMember})");
    }

    /// <summary>
    /// Says, as Payments does once the shop's Stripe account is connected, that the shop can receive transfers: with
    /// its approval, Ordering then takes its orders (ADR 27). For tests about something else than connecting accounts.
    /// </summary>
    public Task PayoutsPossibleAsync(TenantId tenant, Guid shop) =>
        Probe.PublishAsync(new Marketplace.Contracts.Payments.ShopPayoutsChanged(tenant, shop, true, DateTimeOffset.UtcNow), Guid.NewGuid(), tenant.Value);

    /// <summary>
    /// The shop payable, as Payments says, and open for orders: Ordering's answer appends one more event to Catalog's
    /// store, so a test that counts Catalog's events or rows starts once it is in (slow on a busy machine).
    /// </summary>
    public async Task OpenForOrdersAsync(TenantId tenant, Guid shop)
    {
        await PayoutsPossibleAsync(tenant, shop);
        using var admin = CatalogClient(Token($"{tenant}:admin"));
        await Eventually.TrueAsync(
            async () => (await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/coops/{tenant}/shops/{shop}")).GetProperty("acceptsOrders").GetBoolean(),
            "Ordering to open the shop for orders");
    }

    /// <summary>Lists a product in a shop through Catalog's API as an admin of the cooperative; returns its id.</summary>
    public async Task<Guid> ListProductAsync(TenantId tenant, Guid shop, string nameFr, long priceMinor = 450, int stock = 10, string category = "Épicerie", string? nameEn = null, string? sku = null)
    {
        using var client = CatalogClient(Token($"{tenant}:admin"));
        var response = await client.PostAsJsonAsync($"/api/coops/{tenant}/shops/{shop}/products", new
        {
            sku,
            name = new { fr = nameFr, en = nameEn },
            description = new { fr = "Fait maison.", en = "Home made." },
            category,
            imageUrls = Array.Empty<string>(),
            price = new { minor = priceMinor, currency = "EUR" },
            vatRate = 550,
            initialStock = stock,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Infrastructure.Postgres) { Database = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// Creating or dropping a database on the server: PostgreSQL 15 waits for a checkpoint of the whole server first,
    /// over the default 30 s command timeout when the machine is busy (a test's clean-up failed so under stress-ng).
    /// </summary>
    public async Task DatabaseDdlAsync(string sql)
    {
        await using var connection = await OpenAsync("postgres");
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = DatabaseDdlSeconds };
        await command.ExecuteNonQueryAsync();
    }

    public const int DatabaseDdlSeconds = 300;

    public async Task<T?> ScalarAsync<T>(string database, string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    private static HttpClient WithToken(HttpClient client, string? token)
    {
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private static void Set(string name, string value) => Environment.SetEnvironmentVariable(name, value);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Databases of earlier runs on a long-lived local server. Only runs older than an hour (the time is in
    /// the platform database's name): another test process may be running right now on the same server.
    /// Each old run's cooperatives are found in its own registry.
    /// </summary>
    private static async Task DropLeftoversAsync(string server)
    {
        var cutoff = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();
        var oldRuns = new List<string>();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using (var list = new NpgsqlCommand($"select datname from pg_database where datname like '{RunPrefix}\\_platform\\_%'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var name = reader.GetString(0);
                if (!long.TryParse(name.Split('_')[2], out var started) || started < cutoff)
                {
                    oldRuns.Add(name);
                }
            }
        }

        foreach (var platform in oldRuns)
        {
            var databases = new List<string>();
            await using (var registry = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = platform, Pooling = false }.ConnectionString))
            {
                await registry.OpenAsync();
                await using var tenants = new NpgsqlCommand("select tenant_id from tenancy.mt_tenant_databases", registry);
                try
                {
                    await using var reader = await tenants.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        if (TenantId.TryParse(reader.GetString(0), out var tenant))
                        {
                            databases.Add(TenantRegistry.DatabaseNameFor(tenant));
                        }
                    }
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
                {
                    // that run stopped before creating its registry
                }
            }

            foreach (var name in databases.Append(platform))
            {
                await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", connection) { CommandTimeout = DatabaseDdlSeconds };
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    /// <summary>The address the sandbox posts Payments' webhooks to: its host stands for the in-process Payments service.</summary>
    public const string PaymentsWebhookUrl = "http://payments.webhooks.test/api/payments/stripe/webhooks";

    /// <summary>
    /// Sends the sandbox's webhooks for <see cref="PaymentsWebhookUrl"/> to the Payments TestServer of the moment (a
    /// stopped one fails them, and the sandbox tries again, as with a Payments process down), every other one over the network.
    /// </summary>
    private sealed class ToPaymentsHost(Task<MarketplaceApp> app) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _network = new(new SocketsHttpHandler());
        private readonly Lock _switching = new();
        private (object? Host, HttpMessageInvoker? Invoker) _payments;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.Host != new Uri(PaymentsWebhookUrl).Host)
            {
                return await _network.SendAsync(request, cancellationToken);
            }

            var host = (await app).Payments;
            HttpMessageInvoker payments;
            lock (_switching)
            {
                if (!ReferenceEquals(_payments.Host, host))
                {
                    _payments = (host, new HttpMessageInvoker(host.Server.CreateHandler()));
                }

                payments = _payments.Invoker!;
            }

            return await payments.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            _network.Dispose();
            _payments.Invoker?.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>The services a test may stop and start again (<see cref="StopAsync"/>).</summary>
    public enum Service
    {
        Catalog,
        Ordering,
        Payments,
    }

    /// <summary>Sweeps one cooperative's proposals every second, as the service's sweeper does for those it knows are due.</summary>
    private sealed class OneCooperativeSweeper(GovernanceDesk desk, TenantId coop) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await desk.SweepDueAsync(coop, stoppingToken);
            }
        }
    }

    private sealed class ServiceFactory<T>(Action<IWebHostBuilder>? configure = null) : WebApplicationFactory<T>
        where T : class
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            configure?.Invoke(builder);
        }
    }
}
