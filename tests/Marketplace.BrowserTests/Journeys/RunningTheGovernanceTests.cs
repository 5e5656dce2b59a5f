using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>
/// A co-op admin runs the governance from its pages, in English: sets statutes with two colleges (told when their weights
/// do not add up to 100), is told a fee cannot apply before the vote closes, opens the admission of a customer into the
/// shops' college; a member gives her proxy and takes it back.
/// </summary>
[Collection(BrowserCollection.Name)]
public class RunningTheGovernanceTests(WebApp web)
{
    [Fact]
    public async Task The_admin_sets_statutes_with_two_colleges_is_told_what_is_wrong_and_opens_an_admission_and_a_member_gives_and_takes_back_her_proxy()
    {
        // Given a cooperative whose admin and two customers are voting members of its one college
        var admin = await web.CreateAccountAsync("Ana Admin");
        var mia = await web.CreateAccountAsync("Mia Member");
        var noe = await web.CreateAccountAsync("Noe Member");
        var lou = await web.CreateAccountAsync("Lou Grocer");
        var slug = await web.CreateCooperativeAsAsync(admin, "Croix-Rousse Traders");
        await web.AddMemberAsync(admin, slug, mia, "customer");
        await web.AddMemberAsync(admin, slug, noe, "customer");
        await web.AddMemberAsync(admin, slug, lou, "shop_owner");
        await web.AdmitAsync(admin, slug, admin, "Ana Admin");
        await web.AdmitAsync(admin, slug, mia, "Mia Member");
        await web.AdmitAsync(admin, slug, noe, "Noe Member");

        // When the admin adds a "shops" college on the statutes page, with weights that add up to 110
        var page = await web.SignedInVisitorAsync(admin);
        await page.GotoAsync($"/en/coops/{slug}/admin/governance/statutes");
        await Expect(page.GetByTestId("statutes-version")).ToHaveTextAsync("Statutes in force: version 0.");
        var first = page.GetByTestId("college-fields").Nth(0);
        var second = page.GetByTestId("college-fields").Nth(1);
        await first.GetByLabel("Weight (%)").FillAsync("70");
        await second.GetByLabel("Key").FillAsync("shops");
        await second.GetByLabel("Name in French").FillAsync("Commerces");
        await second.GetByLabel("Name in English").FillAsync("Shops");
        await second.GetByLabel("Weight (%)").FillAsync("40");
        await page.GetByLabel("Quorum (%)").FillAsync("30");
        await page.GetByLabel("Secret ballot (who voted what is never published)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the statutes" }).ClickAsync();

        // Then she is told, in English, and nothing changed
        await Expect(page.Locator("#Statutes_Colleges-error")).ToHaveTextAsync("The colleges' weights must add up to 100.");
        await Expect(page.GetByTestId("statutes-version")).ToHaveTextAsync("Statutes in force: version 0.");
        await page.ScanAndCaptureAsync("governance-statutes-error");

        // When she makes them 60 and 40
        await page.GetByTestId("college-fields").Nth(0).GetByLabel("Weight (%)").FillAsync("60");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the statutes" }).ClickAsync();

        // Then the new statutes are in force, as she wrote them
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("New statutes saved.");
        await Expect(page.GetByTestId("statutes-version")).ToHaveTextAsync("Statutes in force: version 1.");
        await Expect(page.GetByTestId("college-fields").Nth(1).GetByLabel("Key")).ToHaveValueAsync("shops");
        await Expect(page.GetByLabel("Quorum (%)")).ToHaveValueAsync("30");
        await Expect(page.GetByLabel("Secret ballot (who voted what is never published)")).ToBeCheckedAsync();

        // When she opens a fee change that would apply before the vote closes
        await page.GotoAsync($"/en/coops/{slug}/admin/governance/proposals/new?kind=feeChange");
        await page.GetByLabel("Title").FillAsync("A 4% fee");
        await page.GetByLabel("Fee rate (%)").FillAsync("4");
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        await page.GetByLabel("In force from").FillAsync(tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Open to the vote" }).ClickAsync();

        // Then she is told next to the date
        await Expect(page.GetByLabel("In force from")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#effective-error")).ToHaveTextAsync("The new fee can only take effect after the vote closes.");
        await page.ScanAndCaptureAsync("governance-new-fee-change-error");

        // When she opens instead the admission of the grocer into the shops' college
        await page.GetByRole(AriaRole.Link, new() { Name = "Admission of a member" }).ClickAsync();
        await page.GetByLabel("Title").FillAsync("Admit Lou's grocery");
        await page.GetByLabel("Account").SelectOptionAsync(new SelectOptionValue { Label = $"Lou Grocer ({lou})" });
        await page.GetByLabel("College").SelectOptionAsync(new SelectOptionValue { Label = "Shops" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Open to the vote" }).ClickAsync();

        // Then the proposal is open, saying whom it admits where, under the new statutes' rules
        await Expect(page).ToHaveURLAsync(new Regex($"/en/coops/{slug}/governance/proposals/[0-9a-f-]{{36}}$"));
        var proposal = page.Url[^36..];
        await Expect(page.GetByTestId("proposal-admission")).ToHaveTextAsync("Admit Lou Grocer into the \"Shops\" college.");
        await Expect(page.GetByTestId("proposal-turnout")).ToHaveTextAsync("0 of 3 voted");

        // When Mia gives her proxy to Noé, then takes it back
        var miaPage = await web.SignedInVisitorAsync(mia);
        await miaPage.GotoAsync($"/en/coops/{slug}/governance/proposals/{proposal}");
        await miaPage.GetByLabel("Member who will vote for you").SelectOptionAsync(new SelectOptionValue { Label = "Noe Member" });
        await miaPage.GetByRole(AriaRole.Button, new() { Name = "Give my proxy" }).ClickAsync();
        await Expect(miaPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("Proxy given to Noe Member.");
        await miaPage.ScanAndCaptureAsync("governance-proxy-given");
        await miaPage.GetByRole(AriaRole.Button, new() { Name = "Take my proxy back" }).ClickAsync();

        // Then she may vote herself again
        await Expect(miaPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("Proxy taken back: you can vote yourself.");
        await Expect(miaPage.GetByTestId("my-vote")).ToHaveTextAsync("You have not voted yet.");
        await miaPage.GetByRole(AriaRole.Button, new() { Name = "Abstain", Exact = true }).ClickAsync();
        await Expect(miaPage.GetByTestId("my-vote")).ToHaveTextAsync("Your vote: Abstain. You can change it until the close.");
    }
}
