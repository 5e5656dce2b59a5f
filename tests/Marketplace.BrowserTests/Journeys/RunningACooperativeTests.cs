using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Marketplace.BrowserTests.Infrastructure;
using Marketplace.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>A new person signs up, creates a cooperative, switches the language and invites a shop owner.</summary>
[Collection(BrowserCollection.Name)]
public class RunningACooperativeTests(WebApp web)
{
    [Fact]
    public async Task New_person_signs_up_creates_a_cooperative_switches_the_language_and_invites_a_shop_owner()
    {
        // Given a second person who already has an account
        var shopOwner = await web.CreateAccountAsync("Bruno Boulanger");

        // When a new person signs up
        var page = await web.NewVisitorAsync();
        var founder = $"ana-{Guid.NewGuid():N}@example.org";
        await page.GotoAsync("/sign-up");
        await page.ScanAndCaptureAsync("journey-1-sign-up");
        await page.GetByLabel("Votre nom").FillAsync("Ana Épicière");
        await page.GetByLabel("Adresse e-mail").FillAsync(founder);
        await page.GetByLabel("Mot de passe").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();

        // Then they are signed in
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" })).ToContainTextAsync("Ana Épicière");

        // When they want to create a cooperative before confirming their address
        await page.GetByRole(AriaRole.Link, new() { Name = "Créer une coopérative" }).First.ClickAsync();

        // Then the page asks them to open the mailed link first, and offers to send it again (at most one a minute:
        // on a busy machine a minute may have passed since sign-up, so either answer is right here)
        var notice = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Confirmez d'abord votre adresse e-mail" });
        await Expect(notice).ToContainTextAsync(founder);
        await page.ScanAndCaptureAsync("journey-1-confirm-first");
        await page.GetByRole(AriaRole.Button, new() { Name = "Renvoyer le lien" }).ClickAsync();
        await Expect(notice).ToContainTextAsync(new Regex("Un lien vient d'être envoyé : réessayez dans une minute\\.|Un nouveau lien est en route"));

        // When they confirm it from the mail
        var link = await web.LinkMailedToAsync(founder, "confirm-email");
        await page.GotoAsync(link.PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer mon adresse" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre adresse e-mail est confirmée.");

        // And create a cooperative
        var slug = $"it-{Guid.NewGuid():N}"[..16];
        var name = "Commerçants de " + slug;
        await page.GetByRole(AriaRole.Link, new() { Name = "Créer une coopérative" }).First.ClickAsync();
        await Expect(page.GetByText("Confirmez d'abord votre adresse e-mail")).ToHaveCountAsync(0);
        await page.ScanAndCaptureAsync("journey-2-create-cooperative");
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Identifiant dans l'adresse").FillAsync(slug);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la coopérative" }).ClickAsync();

        // Then they are on its home, as its admin
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{slug}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Membres et rôles" })).ToBeVisibleAsync();
        await page.ScanAndCaptureAsync("journey-3-cooperative-home");

        // When they switch to English
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        // Then the page is in English, and its address says so
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page).ToHaveURLAsync(new Regex($"/en/coops/{slug}$"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Members and roles" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/en/coops/{slug}/admin/members$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Members and roles");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = founder })).ToContainTextAsync("Admin");
        await page.ScanAndCaptureAsync("journey-4-members");

        // When they add the second person as a shop owner
        await page.GetByLabel("Email address").FillAsync(shopOwner);
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Shop owner" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();

        // Then the list shows them with that role
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(shopOwner);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = shopOwner })).ToContainTextAsync("Shop owner");
        await page.ScanAndCaptureAsync("journey-5-shop-owner-added");

        // And the API agrees: the second person is a shop owner of the cooperative
        using var api = web.Api(await web.TokenAsync(shopOwner));
        var me = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/me");
        Assert.Contains(me.GetProperty("memberships").EnumerateArray(), membership =>
            membership.GetProperty("coop").GetString() == slug
            && membership.GetProperty("roles").EnumerateArray().Any(role => role.GetString() == "shop_owner"));
    }

    [Fact]
    public async Task Field_errors_from_the_API_show_next_to_their_fields_in_the_users_language()
    {
        // Given a signed-in person and a cooperative whose slug is taken
        var taken = await web.CreateAsync("Déjà là");
        var page = await web.SignedInVisitorAsync(await web.CreateAccountAsync("Chloé"));

        // When they try to create a cooperative with that slug and an unknown country
        await page.GotoAsync("/fr/cooperatives/new");
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Encore");
        await page.GetByLabel("Identifiant dans l'adresse").FillAsync("Pas Valide");
        await page.GetByLabel("Pays").FillAsync("ZZ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la coopérative" }).ClickAsync();

        // Then each error is next to its field, in French, and the field is marked invalid
        await Expect(page.Locator("#slug-error")).ToContainTextAsync("L'identifiant fait 3 à 40 caractères");
        await Expect(page.Locator("#country-error")).ToContainTextAsync("Le pays est un code ISO 3166");
        await Expect(page.GetByLabel("Identifiant dans l'adresse")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.ScanAndCaptureAsync("create-cooperative-errors");

        // When they fix both but pick the taken slug
        await page.GetByLabel("Identifiant dans l'adresse").FillAsync(taken);
        await page.GetByLabel("Pays").FillAsync("FR");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la coopérative" }).ClickAsync();

        // Then the conflict shows next to the slug
        await Expect(page.Locator("#slug-error")).ToHaveTextAsync("Cet identifiant est déjà pris.");
    }

    [Fact]
    public async Task Person_who_forgot_their_password_sets_a_new_one_from_the_mailed_link()
    {
        // Given a person with an account
        var email = await web.CreateAccountAsync("Dora");
        var page = await web.NewVisitorAsync();

        // When they ask for a reset link and follow the one mailed to them
        await page.GotoAsync("/forgot-password");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le lien" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Si un compte existe");
        var link = await web.ResetLinkMailedToAsync(email);
        await page.GotoAsync(link.PathAndQuery);

        // And choose a new password
        await page.GetByLabel("Nouveau mot de passe").FillAsync("a-brand-new-passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le mot de passe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre mot de passe a été changé");

        // Then they sign in with it, and out again
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync("a-brand-new-passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).Last.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" })).ToContainTextAsync("Dora");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Se connecter" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_one_message()
    {
        var email = await web.CreateAccountAsync("Eve");
        var page = await web.NewVisitorAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).Last.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Adresse e-mail ou mot de passe incorrect.");
        await page.ScanAndCaptureAsync("sign-in-refused");
    }

    [Fact]
    public async Task The_link_mailed_at_sign_up_confirms_the_address()
    {
        // Given a person who signed up through the pages
        var email = $"lea-{Guid.NewGuid():N}@example.org";
        var page = await web.NewVisitorAsync();
        await page.GotoAsync("/sign-up");
        await page.GetByLabel("Votre nom").FillAsync("Léa");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();

        // When they open the link of the mail they received and confirm
        var link = await web.LinkMailedToAsync(email, "confirm-email");
        await page.GotoAsync(link.PathAndQuery);
        await page.ScanAndCaptureAsync("confirm-email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer mon adresse" }).ClickAsync();

        // Then the page says it is done, and the link does not work twice
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre adresse e-mail est confirmée.");
        await page.GotoAsync(link.PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer mon adresse" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("Ce lien de confirmation est invalide, déjà utilisé ou expiré");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_signing_in_and_the_page_says_for_how_long()
    {
        var email = await web.CreateAccountAsync("Mallory");
        var page = await web.NewVisitorAsync();
        await page.GotoAsync("/sign-in");
        for (var i = 0; i < 5; i++)
        {
            await page.GetByLabel("Adresse e-mail").FillAsync(email);
            await page.GetByLabel("Mot de passe").FillAsync("not-the-password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).Last.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        }

        // Even the right password is refused now, and the page says when to try again
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).Last.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("la connexion est bloquée. Réessayez dans 1 min");
        await page.ScanAndCaptureAsync("sign-in-locked");
    }
}

/// <summary>Accounts made through the public API, for the journeys.</summary>
public static class Accounts
{
    public const string Password = "correct-horse-battery";

    /// <summary>An account with a confirmed address, as its owner would have after opening the mailed link.</summary>
    public static async Task<string> CreateAccountAsync(this WebApp web, string displayName, string? email = null)
    {
        // An ASCII local part: no mail to chloé-…@example.org ever showed in the test SMTP server (netDumbster, no SMTPUTF8)
        var first = new string([.. displayName.Split(' ')[0].ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)]);
        email ??= $"{first}-{Guid.NewGuid():N}@example.org";
        using var api = web.Api();
        var response = await api.PostAsJsonAsync("/api/accounts", new { email, password = Password, displayName, language = "fr" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        // Confirmed the real way, from the link of the mail: only confirmed accounts create cooperatives and shops
        var token = System.Web.HttpUtility.ParseQueryString((await web.LinkMailedToAsync(email, "confirm-email")).Query)["token"];
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsJsonAsync("/api/accounts/email-confirmation/confirm", new { token })).StatusCode);
        return email;
    }

    public static async Task<string> TokenAsync(this WebApp web, string email)
    {
        using var api = web.Api();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = email,
            ["password"] = Password,
            ["scope"] = "offline_access",
        });
        var response = await api.PostAsync("/connect/token", form);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("access_token").GetString()!;
    }

    public static async Task<IPage> SignedInVisitorAsync(this WebApp web, string email)
    {
        var page = await web.NewVisitorAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).Last.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>The reset link of the last mail the Platform sent to that address (the test SMTP server).</summary>
    public static Task<Uri> ResetLinkMailedToAsync(this WebApp web, string email) => web.LinkMailedToAsync(email, "reset-password");

    /// <summary>The link to that page (e.g. reset-password, confirm-email) in the last such mail the Platform sent to that address.</summary>
    public static async Task<Uri> LinkMailedToAsync(this WebApp web, string email, string pageName)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var body = web.App.Mail.Received()
                .Where(message => message.ToAddresses.Any(to => string.Equals(to.Address, email, StringComparison.OrdinalIgnoreCase)))
                .SelectMany(message => message.MessageParts.Select(part => part.BodyData))
                .LastOrDefault(text => text.Contains("/" + pageName + "?", StringComparison.Ordinal));
            var match = body is null ? null : System.Text.RegularExpressions.Regex.Match(body, @"https?://\S+/" + pageName + @"\?[^\s""<]+");
            if (match is { Success: true })
            {
                return new Uri(WebUtility.HtmlDecode(match.Value));
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"No {pageName} link mailed to {email}.");
    }
}
