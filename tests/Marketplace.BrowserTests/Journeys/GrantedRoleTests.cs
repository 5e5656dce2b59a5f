using Marketplace.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>
/// A role an admin grants reaches the member's open session at her next page load, without signing out and in:
/// the API's 403 makes the web app refresh her tokens once and try the same address again when her roles changed.
/// </summary>
[Collection(BrowserCollection.Name)]
public class GrantedRoleTests(WebApp web)
{
    [Fact]
    public async Task A_member_made_admin_manages_the_members_at_her_next_page_load_without_signing_out()
    {
        // Given a member signed in, refused on the members page of a cooperative she does not run
        var admin = await web.CreateAccountAsync("Ana Admin");
        var member = await web.CreateAccountAsync("Chloé Coopératrice");
        var slug = await web.CreateCooperativeAsAsync(admin, "Coopérative des Pentes");
        await web.AddMemberAsync(admin, slug, member, "member");
        var page = await web.SignedInVisitorAsync(member);
        var refused = await page.GotoAsync($"/fr/coops/{slug}/admin/members");
        Assert.Equal(403, refused!.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Seuls les administrateurs de cette coopérative peuvent gérer ses membres.");

        // When the admin makes her an admin too, while her page is open
        await web.AddMemberAsync(admin, slug, member, "admin");

        // Then her next load of the same page shows the members, at the same address, still signed in
        var answered = await page.GotoAsync($"/fr/coops/{slug}/admin/members");
        Assert.Equal(200, answered!.Status);
        Assert.NotNull(answered.Request.RedirectedFrom); // the 403, answered by trying again with the new role
        Assert.EndsWith($"/fr/coops/{slug}/admin/members", new Uri(page.Url).AbsolutePath);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Membres", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Chloé Coopératrice", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("Seuls les administrateurs de cette coopérative")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();

        // And the cooperative's page now offers her the admin links: her session carries the new role
        await page.GotoAsync($"/fr/coops/{slug}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Membres et rôles" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_member_still_not_allowed_sees_the_forbidden_page_once_without_a_loop()
    {
        // Given a member signed in, then given a role that still does not let her manage the members
        var admin = await web.CreateAccountAsync("Ana Admin");
        var member = await web.CreateAccountAsync("Damien Doux");
        var slug = await web.CreateCooperativeAsAsync(admin, "Coopérative de la Guillotière");
        await web.AddMemberAsync(admin, slug, member, "member");
        var page = await web.SignedInVisitorAsync(member);
        await web.AddMemberAsync(admin, slug, member, "shop_owner");

        // When she opens the members page: her roles changed, so it is tried once more with them, and refused again
        var address = $"/fr/coops/{slug}/admin/members";
        var once = await page.GotoAsync(address);

        // Then the forbidden page, 403, at the same address, after a single retry
        Assert.Equal(403, once!.Status);
        Assert.EndsWith(address, new Uri(page.Url).AbsolutePath);
        Assert.NotNull(once.Request.RedirectedFrom);
        Assert.Null(once.Request.RedirectedFrom!.RedirectedFrom);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Seuls les administrateurs de cette coopérative peuvent gérer ses membres.");

        // And with nothing changed since, the next load is refused straight away: no retry at all
        var again = await page.GotoAsync(address);
        Assert.Equal(403, again!.Status);
        Assert.Null(again.Request.RedirectedFrom);
        Assert.EndsWith(address, new Uri(page.Url).AbsolutePath);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_form_posted_just_after_the_grant_is_posted_again_with_the_new_role()
    {
        // Given a member signed in, on the cooperative's page (no admin links yet), made admin while it is open
        var admin = await web.CreateAccountAsync("Ana Admin");
        var member = await web.CreateAccountAsync("Élise Entraide");
        var newcomer = await web.CreateAccountAsync("Félix Nouveau");
        var slug = await web.CreateCooperativeAsAsync(admin, "Coopérative de Vaise");
        await web.AddMemberAsync(admin, slug, member, "member");
        var page = await web.SignedInVisitorAsync(member);
        await page.GotoAsync($"/fr/coops/{slug}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Membres et rôles" })).ToHaveCountAsync(0);
        await web.AddMemberAsync(admin, slug, member, "admin");

        // When her browser posts the members form with her token of before the grant (the page's own antiforgery token)
        var answers = new List<(string Method, int Status)>();
        page.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/admin/members", StringComparison.Ordinal))
            {
                answers.Add((response.Request.Method, response.Status));
            }
        };
        await page.EvaluateAsync(
            """
            ([action, email]) => {
                const form = document.createElement('form');
                form.method = 'post';
                form.action = action;
                const fields = { Email: email, Role: 'member', __RequestVerificationToken: document.querySelector('input[name=__RequestVerificationToken]').value };
                for (const [name, value] of Object.entries(fields)) {
                    const input = document.createElement('input');
                    input.type = 'hidden';
                    input.name = name;
                    input.value = value;
                    form.appendChild(input);
                }
                document.body.appendChild(form);
                form.submit();
            }
            """,
            new[] { $"/fr/coops/{slug}/admin/members", newcomer });

        // Then the 403 is answered by a 307 that posts the same form again, with her new role: the member is added
        await page.WaitForURLAsync($"**/fr/coops/{slug}/admin/members");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Félix Nouveau", Exact = true })).ToBeVisibleAsync();
        Assert.Equal([("POST", 307), ("POST", 302), ("GET", 200)], answers);
        Assert.EndsWith($"/fr/coops/{slug}/admin/members", new Uri(page.Url).AbsolutePath);
        var members = await page.GotoAsync($"/fr/coops/{slug}/admin/members");
        Assert.Equal(200, members!.Status);
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Félix Nouveau", Exact = true })).ToBeVisibleAsync();
    }
}
