using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>
/// The co-op admin's desk (ADR 46): she previews a waiting shop and asks its owner for changes, the owner reads her
/// message on her shop pages; she changes a member's roles and removes a member, never the last admin.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AdminsDeskTests(WebApp web)
{
    [Fact]
    public async Task The_admin_asks_a_waiting_shop_for_changes_and_its_owner_reads_her_message()
    {
        // Given a shop waiting for approval
        var admin = await web.CreateAccountAsync("Ana Admin");
        var owner = await web.CreateAccountAsync("Olga Oléicultrice");
        var slug = await web.CreateCooperativeAsAsync(admin, "Coopérative de la Croix-Rousse");
        await web.AddMemberAsync(admin, slug, owner, "member");
        using (var api = web.Api(await web.TokenAsync(owner)))
        {
            var registered = await api.PostAsJsonAsync($"/api/coops/{slug}/shops", new
            {
                name = "Huilerie Olga",
                address = new { line1 = "4 rue d'Austerlitz", postcode = "69004", city = "Lyon" },
                fulfilment = new { pickup = true, delivery = false },
                contact = new { email = "huilerie@example.org" },
            });
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        // When the admin opens the shops to approve: a preview link, and asking without a message is refused on its field
        var page = await web.SignedInVisitorAsync(admin);
        await page.GotoAsync($"/fr/coops/{slug}/admin/shops");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Voir la page de Huilerie Olga" })).ToBeVisibleAsync();
        var message = page.GetByLabel("Modifications à demander aux propriétaires de Huilerie Olga (1000 caractères au plus)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Demander des modifications" }).ClickAsync();
        await Expect(message).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#" + await message.GetAttributeAsync("aria-describedby"))).ToHaveTextAsync("Ce champ est obligatoire.");
        await page.ScanAndCaptureAsync("desk-1-message-required");

        // And then says what to change
        await message.FillAsync("Indiquez un téléphone joignable le samedi matin.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Demander des modifications" }).ClickAsync();

        // Then she is told it is sent, and the shop no longer waits for her
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Les propriétaires de « Huilerie Olga » ont reçu la demande de modifications.");
        await Expect(page.GetByText("Aucune boutique n'attend d'approbation.")).ToBeVisibleAsync();
        await page.ScanAndCaptureAsync("desk-2-changes-asked");

        // And the owner reads the state and the message on her shops, in French and in English
        var ownerPage = await web.SignedInVisitorAsync(owner);
        await ownerPage.GotoAsync($"/fr/coops/{slug}/back-office");
        await Expect(ownerPage.GetByText("Modifications demandées")).ToBeVisibleAsync();
        await Expect(ownerPage.GetByTestId("shop-review")).ToContainTextAsync("Indiquez un téléphone joignable le samedi matin.");
        await ownerPage.ScanAndCaptureAsync("desk-3-owner-reads-fr");
        await ownerPage.GetByRole(AriaRole.Link, new() { Name = "Huilerie Olga" }).ClickAsync();
        await Expect(ownerPage.GetByTestId("shop-review")).ToContainTextAsync("La coopérative demande ces modifications avant d'approuver la boutique");
        await ownerPage.GotoAsync($"/en/coops/{slug}/back-office");
        await Expect(ownerPage.GetByText("Changes requested")).ToBeVisibleAsync();
        await Expect(ownerPage.GetByTestId("shop-review")).ToContainTextAsync("The cooperative asks for these changes before approving the shop:");
        await ownerPage.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_admin_takes_a_role_and_removes_a_member_but_not_the_last_admin()
    {
        // Given a cooperative with two admins and a voting member
        var admin = await web.CreateAccountAsync("Ana Admin");
        var second = await web.CreateAccountAsync("Bruno Bénévole");
        var member = await web.CreateAccountAsync("Chloé Coopératrice");
        var slug = await web.CreateCooperativeAsAsync(admin, "Coopérative de Perrache");
        await web.AddMemberAsync(admin, slug, second, "admin");
        await web.AddMemberAsync(admin, slug, member, "member");
        var page = await web.SignedInVisitorAsync(admin);
        await page.GotoAsync($"/fr/coops/{slug}/admin/members");

        // When she takes Bruno's admin role
        var bruno = page.GetByRole(AriaRole.Row).Filter(new() { HasText = second });
        await bruno.GetByRole(AriaRole.Checkbox, new() { Name = "Administrateur·rice" }).UncheckAsync();
        await bruno.GetByRole(AriaRole.Checkbox, new() { Name = "Membre votant·e" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les rôles de Bruno Bénévole" }).ClickAsync();

        // Then the list says so
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Les rôles de Bruno Bénévole ont été modifiés.");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = second }).GetByTestId("member-roles")).ToHaveTextAsync("Membre votant·e");

        // When she, now the last admin, takes her own admin role: refused, with why
        var ana = page.GetByRole(AriaRole.Row).Filter(new() { HasText = admin });
        await ana.GetByRole(AriaRole.Checkbox, new() { Name = "Administrateur·rice" }).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les rôles de Ana Admin" }).ClickAsync();
        await Expect(page.GetByTestId("member-error")).ToHaveTextAsync("Une coopérative garde au moins un administrateur : nommez d'abord un autre membre administrateur.");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = admin }).GetByTestId("member-roles")).ToContainTextAsync("Administrateur·rice");
        await page.ScanAndCaptureAsync("desk-4-last-admin");

        // When she removes Chloé
        await page.GetByRole(AriaRole.Button, new() { Name = "Retirer Chloé Coopératrice de la coopérative" }).ClickAsync();

        // Then Chloé is no longer listed, and her next token has no role here
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Chloé Coopératrice n'est plus membre.");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = member })).ToHaveCountAsync(0);
        await page.ScanAndCaptureAsync("desk-5-member-removed");
        using var api = web.Api(await web.TokenAsync(member));
        var me = await api.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.DoesNotContain(me.GetProperty("memberships").EnumerateArray(), m => m.GetProperty("coop").GetString() == slug);
    }
}
