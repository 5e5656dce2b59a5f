using System.Text.Json.Nodes;

namespace Marketplace.StripeSandbox;

/// <summary>
/// Connect: the shops' connected accounts and their onboarding links. A new account cannot receive transfers until
/// its owner "completes onboarding" on the sandbox's page (or the test control does it), which sends account.updated.
/// </summary>
internal static class Accounts
{
    private static readonly string[] OnboardingDue = ["business_profile.url", "external_account", "tos_acceptance.date", "tos_acceptance.ip"];

    public static void Map(IEndpointRouteBuilder routes)
    {
        Api.Post(routes, "/v1/accounts", Create);
        Api.Get(routes, "/v1/accounts/{id}", call => call.Store.Read(state => StripeObjects.Answer(call, state, state.Get("account", call.Route("id")))));
        Api.Post(routes, "/v1/account_links", CreateLink);
        routes.MapGet("/connect/onboarding/{token}", ShowOnboarding);
        routes.MapPost("/connect/onboarding/{token}", CompleteOnboarding);
    }

    private static Reply Create(ApiCall call)
    {
        var p = call.Params.Only("type", "country", "email", "metadata[", "business_type", "capabilities[", "business_profile[", "controller[", "default_currency");
        var type = p.OneOf("type", "express", "standard", "custom") ?? throw StripeError.Invalid("Missing required param: type.", "type", "parameter_missing");
        var country = (p.Text("country") ?? "FR").ToUpperInvariant();
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
        {
            throw StripeError.Invalid($"Invalid country: {country}.", "country", "country_unsupported");
        }

        var email = p.Text("email");
        if (email is not null && !email.Contains('@', StringComparison.Ordinal))
        {
            throw StripeError.Invalid($"Invalid email address: {email}", "email", "email_invalid");
        }

        var metadata = p.Metadata();
        return call.Store.Write(state =>
        {
            var now = call.Store.Now;
            var id = Ids.New("acct_");
            var account = state.Add(new JsonObject
            {
                ["id"] = id,
                ["object"] = "account",
                ["business_profile"] = null,
                ["business_type"] = p.OneOf("business_type", "company", "individual", "non_profit", "government_entity"),
                ["capabilities"] = new JsonObject { ["card_payments"] = "inactive", ["transfers"] = "inactive" },
                ["charges_enabled"] = false,
                ["controller"] = new JsonObject { ["type"] = type == "standard" ? "account" : "application" },
                ["country"] = country,
                ["created"] = now,
                ["default_currency"] = p.Text("default_currency")?.ToLowerInvariant() ?? (country == "US" ? "usd" : "eur"),
                ["details_submitted"] = false,
                ["email"] = email,
                ["external_accounts"] = StripeObjects.EmptyList($"/v1/accounts/{id}/external_accounts"),
                ["future_requirements"] = Requirements([], null),
                ["metadata"] = metadata,
                ["payouts_enabled"] = false,
                ["requirements"] = Requirements(OnboardingDue, "requirements.past_due"),
                ["settings"] = null,
                ["tos_acceptance"] = new JsonObject { ["date"] = null, ["ip"] = null, ["user_agent"] = null },
                ["type"] = type,
            });
            return StripeObjects.Answer(call, state, account);
        });
    }

    private static JsonObject Requirements(string[] due, string? disabledReason) => new()
    {
        ["alternatives"] = new JsonArray(),
        ["current_deadline"] = null,
        ["currently_due"] = new JsonArray([.. due.Select(item => (JsonNode)item)]),
        ["disabled_reason"] = disabledReason,
        ["errors"] = new JsonArray(),
        ["eventually_due"] = new JsonArray([.. due.Select(item => (JsonNode)item)]),
        ["past_due"] = new JsonArray(),
        ["pending_verification"] = new JsonArray(),
    };

    /// <summary>An account link lives 5 minutes and serves once, as Stripe's; an expired or used one sends the owner to refresh_url.</summary>
    private static Reply CreateLink(ApiCall call)
    {
        var p = call.Params.Only("account", "type", "refresh_url", "return_url", "collect", "collection_options[");
        var accountId = p.RequiredText("account");
        _ = p.OneOf("type", "account_onboarding", "account_update") ?? throw StripeError.Invalid("Missing required param: type.", "type", "parameter_missing");
        var refresh = Url(p, "refresh_url");
        var back = Url(p, "return_url");
        return call.Store.Write(state =>
        {
            state.Get("account", accountId, "account");
            var now = call.Store.Now;
            var token = Ids.New("");
            state.OnboardingLinks[token] = new OnboardingLink(accountId, refresh, back, now + 300, Used: false);
            return Reply.Ok(new JsonObject
            {
                ["object"] = "account_link",
                ["created"] = now,
                ["expires_at"] = now + 300,
                ["url"] = $"{call.PublicUrl}/connect/onboarding/{token}",
            });
        });
    }

    private static string Url(Params p, string name) =>
        Uri.TryCreate(p.RequiredText(name), UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url.ToString()
            : throw StripeError.Invalid($"Not a valid URL: {name}.", name, "url_invalid");

    private static IResult ShowOnboarding(string token, SandboxStore store)
    {
        var link = store.Read(state => state.OnboardingLinks.GetValueOrDefault(token));
        if (link is null)
        {
            return Pages.Page("Unknown onboarding link", "<p>This onboarding link does not exist.</p>", StatusCodes.Status404NotFound);
        }

        if (link.Used || store.Now > link.ExpiresAt)
        {
            return Results.Redirect(link.RefreshUrl);
        }

        var email = store.Read(state => (string?)state.Get("account", link.Account)["email"]) ?? "no e-mail";
        return Pages.Page("Connect your shop to Stripe (sandbox)", $"""
            <p>Stripe sandbox: onboarding of connected account <code>{Pages.Encode(link.Account)}</code> ({Pages.Encode(email)}).
            Nothing is checked: completing it lets the account take card payments and receive transfers.</p>
            <form method="post"><button type="submit">Complete onboarding</button></form>
            <p><a href="{Pages.Encode(link.RefreshUrl)}">Leave without completing</a></p>
            """);
    }

    private static IResult CompleteOnboarding(string token, SandboxStore store, Microsoft.Extensions.Options.IOptions<SandboxOptions> options)
    {
        var link = store.Write(state =>
        {
            var found = state.OnboardingLinks.GetValueOrDefault(token);
            if (found is null || found.Used || store.Now > found.ExpiresAt)
            {
                return found;
            }

            Onboard(null, state, options.Value, store.Now, found.Account);
            state.OnboardingLinks[token] = found with { Used = true };
            return found;
        });
        return link is null
            ? Pages.Page("Unknown onboarding link", "<p>This onboarding link does not exist.</p>", StatusCodes.Status404NotFound)
            : Results.Redirect(link.Used || store.Now > link.ExpiresAt ? link.RefreshUrl : link.ReturnUrl);
    }

    /// <summary>The owner completed onboarding: the account takes payments and receives transfers (account.updated).</summary>
    public static JsonObject Onboard(ApiCall? call, SandboxState state, SandboxOptions options, long now, string accountId)
    {
        var account = state.Get("account", accountId);
        if ((bool)account["details_submitted"]!)
        {
            return account;
        }

        var previous = new JsonObject
        {
            ["capabilities"] = account["capabilities"]!.DeepClone(),
            ["charges_enabled"] = false,
            ["details_submitted"] = false,
            ["payouts_enabled"] = false,
            ["requirements"] = account["requirements"]!.DeepClone(),
        };
        account["capabilities"] = new JsonObject { ["card_payments"] = "active", ["transfers"] = "active" };
        account["charges_enabled"] = true;
        account["details_submitted"] = true;
        account["payouts_enabled"] = true;
        account["requirements"] = Requirements([], null);
        account["tos_acceptance"] = new JsonObject { ["date"] = now, ["ip"] = "127.0.0.1", ["user_agent"] = "Stripe sandbox" };
        StripeObjects.Emit(call, state, options, now, "account.updated", account, previous, accountId);
        return account;
    }
}
