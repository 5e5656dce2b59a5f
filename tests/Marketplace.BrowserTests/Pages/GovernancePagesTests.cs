using Marketplace.BrowserTests.Infrastructure;
using Marketplace.BrowserTests.Journeys;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Pages;

/// <summary>
/// Every governance page, in French and in English, at desktop and phone widths: its heading in the page's language,
/// no serious or critical axe violation, screenshots. A cooperative with three voting members and a motion open, one
/// member having given their proxy to another, goes in through the API.
/// </summary>
[Collection(BrowserCollection.Name)]
public class GovernancePagesTests(WebApp web)
{
    [Fact]
    public async Task Every_governance_page_passes_axe_in_French_and_English_on_desktop_and_phone()
    {
        // Given a cooperative whose admin and two customers are voting members, a motion open, and Noé's proxy given to Mia
        var admin = await web.CreateAccountAsync("Ana Admin");
        var mia = await web.CreateAccountAsync("Mia Membre");
        var noe = await web.CreateAccountAsync("Noé Membre");
        var slug = await web.CreateCooperativeAsAsync(admin, "Coopérative des Pentes");
        await web.AddMemberAsync(admin, slug, mia, "customer");
        await web.AddMemberAsync(admin, slug, noe, "customer");
        await web.AdmitAsync(admin, slug, admin, "Ana Admin");
        var miaId = await web.AdmitAsync(admin, slug, mia, "Mia Membre");
        await web.AdmitAsync(admin, slug, noe, "Noé Membre");
        var motion = await web.OpenMotionAsync(admin, slug, "Ouvrir le dimanche matin", "Les commerces de la coopérative ouvrent le dimanche de 9 h à 12 h.");
        await web.GiveProxyAsync(noe, slug, motion, miaId);

        // When the admin and Mia open every page, in each language
        var adminPage = await web.SignedInVisitorAsync(admin);
        var miaPage = await web.SignedInVisitorAsync(mia);
        foreach (var (lang, titles) in new[]
        {
            ("fr", new[] { "Vie coopérative", "Ouvrir le dimanche matin", "Procès-verbal du vote", "Statuts", "Membres votants", "Ouvrir une proposition" }),
            ("en", new[] { "Governance", "Ouvrir le dimanche matin", "Record of the vote", "Statutes", "Voting members", "Open a proposal" }),
        })
        {
            var pages = new (IPage Page, string Path, string Title, string Shot)[]
            {
                (miaPage, "governance", titles[0], "governance"),
                (miaPage, $"governance/proposals/{motion}", titles[1], "governance-proposal-open"),
                (miaPage, $"governance/proposals/{motion}/record", titles[2], "governance-record"),
                (adminPage, "admin/governance/statutes", titles[3], "governance-admin-statutes"),
                (adminPage, "admin/governance/members", titles[4], "governance-admin-members"),
                (adminPage, "admin/governance/proposals/new?kind=feeChange", titles[5], "governance-admin-new-fee-change"),
                (adminPage, "admin/governance/proposals/new?kind=admission", titles[5], "governance-admin-new-admission"),
                (adminPage, "admin/governance/proposals/new?kind=statutes", titles[5], "governance-admin-new-statutes"),
                (adminPage, "admin/governance/proposals/new?kind=motion", titles[5], "governance-admin-new-motion"),
            };
            foreach (var (page, path, title, shot) in pages)
            {
                var response = await page.GotoAsync($"/{lang}/coops/{slug}/{path}");

                // Then each answers 200 in its language, titled as it should be, and passes axe at both widths
                Assert.Equal(200, response!.Status);
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
                await page.ScanAndCaptureAsync($"{shot}-{lang}");
            }
        }

        // And Mia's page of the motion shows her vote to cast and the proxy she holds for Noé, with its own buttons
        await miaPage.GotoAsync($"/fr/coops/{slug}/governance/proposals/{motion}");
        await Expect(miaPage.GetByTestId("my-vote")).ToHaveTextAsync("Vous n'avez pas encore voté.");
        await Expect(miaPage.GetByTestId("proxy-held")).ToContainTextAsync("Noé Membre");
        await Expect(miaPage.GetByRole(AriaRole.Button, new() { Name = "Pour (pour Noé Membre)" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Someone_with_no_role_who_is_no_member_is_told_the_governance_is_for_members_and_a_member_is_refused_the_admin_pages()
    {
        // Given a cooperative and, besides its admin, a customer who is a voting member and an account with nothing there
        var admin = await web.CreateAccountAsync("Ana Admin");
        var mia = await web.CreateAccountAsync("Mia Membre");
        var stranger = await web.CreateAccountAsync("Paul Passant");
        var slug = await web.CreateCooperativeAsAsync(admin, "Coopérative de Saint-Jean");
        await web.AddMemberAsync(admin, slug, mia, "customer");
        await web.AdmitAsync(admin, slug, mia, "Mia Membre");

        // When the stranger opens the cooperative's governance
        var strangerPage = await web.SignedInVisitorAsync(stranger);
        var refused = await strangerPage.GotoAsync($"/fr/coops/{slug}/governance");

        // Then the page says who may see it, answered 403
        Assert.Equal(403, refused!.Status);
        await Expect(strangerPage.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Seuls les membres de la coopérative et ceux qui y ont un rôle voient sa vie coopérative.");
        await strangerPage.ScanAndCaptureAsync("governance-forbidden");

        // And the member reads it, as a member of her college, but is refused the admin's pages
        var miaPage = await web.SignedInVisitorAsync(mia);
        await miaPage.GotoAsync($"/en/coops/{slug}/governance");
        await Expect(miaPage.GetByTestId("my-membership")).ToHaveTextAsync("You are a member of the cooperative, in the \"Members\" college: you vote on its proposals.");
        await Expect(miaPage.GetByTestId("no-open-proposal")).ToBeVisibleAsync();
        foreach (var path in new[] { "admin/governance/statutes", "admin/governance/members", "admin/governance/proposals/new" })
        {
            var response = await miaPage.GotoAsync($"/en/coops/{slug}/{path}");
            Assert.Equal(403, response!.Status);
            await Expect(miaPage.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Only the cooperative's admins run its governance.");
        }
    }
}
