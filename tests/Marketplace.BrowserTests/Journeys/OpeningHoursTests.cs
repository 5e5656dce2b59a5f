using System.Globalization;
using Marketplace.BrowserTests.Infrastructure;
using Marketplace.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>A baker who runs the shop alone: a lunch closing, the annual holidays, and what customers then read on the shop's page.</summary>
[Collection(BrowserCollection.Name)]
public class OpeningHoursTests(WebApp web)
{
    [Fact]
    public async Task A_baker_gives_a_lunch_closing_and_holidays_and_customers_see_them_in_both_languages()
    {
        // Given an approved shop and its owner in their back office
        var admin = await web.CreateAccountAsync("Ana Admin");
        var baker = await web.CreateAccountAsync("Bérénice Boulangère");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de Vaise");
        await web.AddMemberAsync(admin, slug, baker, "shop_owner");
        var shop = await web.RegisterApprovedShopAsync(baker, admin, slug, "Boulangerie Bérénice");
        var page = await web.SignedInVisitorAsync(baker);
        await page.GotoAsync($"/fr/coops/{slug}/back-office/{shop}");

        // When she edits the shop: Monday 08:00–12:30 then 15:00–19:30, and by mistake a Tuesday afternoon that overlaps the morning
        await page.GetByRole(AriaRole.Link, new() { Name = "Modifier la boutique et ses horaires" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Modifier la boutique");
        await Expect(page.GetByLabel("Nom de la boutique")).ToHaveValueAsync("Boulangerie Bérénice");
        await Expect(page.GetByLabel("Lundi : ouverture")).ToHaveValueAsync("09:00");
        await page.ScanAndCaptureAsync("hours-1-edit");
        await page.GetByLabel("Lundi : ouverture").FillAsync("08:00");
        await page.GetByLabel("Lundi : fermeture").FillAsync("12:30");
        await page.GetByLabel("Lundi : 2e ouverture").FillAsync("15:00");
        await page.GetByLabel("Lundi : 2e fermeture").FillAsync("19:30");
        await page.GetByLabel("Mardi : ouverture").FillAsync("08:00");
        await page.GetByLabel("Mardi : fermeture").FillAsync("12:30");
        await page.GetByLabel("Mardi : 2e ouverture").FillAsync("12:00");
        await page.GetByLabel("Mardi : 2e fermeture").FillAsync("19:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();

        // Then the overlap is told next to the field, in French
        await Expect(page.Locator("#Form_Hours_1__Opens2-error")).ToHaveTextAsync("Deux horaires du même jour se chevauchent.");
        await Expect(page.GetByLabel("Mardi : 2e ouverture")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.ScanAndCaptureAsync("hours-2-edit-overlap");

        // When she fixes it, the hours are saved
        await page.GetByLabel("Mardi : 2e ouverture").FillAsync("15:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Modifications enregistrées.");
        await Expect(page.GetByLabel("Lundi : 2e ouverture")).ToHaveValueAsync("15:00");

        // When she records her annual holidays, in ten days for eleven days
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, CooperativeTime.Zone).DateTime);
        var (from, to) = (today.AddDays(10), today.AddDays(20));
        await page.GetByRole(AriaRole.Link, new() { Name = "Congés et fermetures" }).ClickAsync();
        await Expect(page.GetByText("Aucune fermeture prévue.")).ToBeVisibleAsync();
        await page.GetByLabel("Premier jour fermé").FillAsync(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Dernier jour fermé").FillAsync(to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Motif en français").FillAsync("Congés annuels");
        await page.GetByLabel("Motif en anglais").FillAsync("Annual holidays");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter la fermeture" }).ClickAsync();

        // Then it is listed; a closure ending before it starts is refused next to its field
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Fermetures enregistrées.");
        var french = CultureInfo.GetCultureInfo("fr-FR");
        await Expect(page.GetByTestId("closures")).ToContainTextAsync($"Fermé du {from.ToString("d", french)} au {to.ToString("d", french)}");
        await page.GetByLabel("Premier jour fermé").FillAsync(today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Dernier jour fermé").FillAsync(today.AddDays(29).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter la fermeture" }).ClickAsync();
        await Expect(page.Locator("#Closure_To-error")).ToHaveTextAsync("Une fermeture se termine le jour où elle commence ou après.");
        await page.ScanAndCaptureAsync("hours-3-closures");

        // And a one-day closure added then removed leaves the holidays alone
        await page.GetByLabel("Premier jour fermé").FillAsync(today.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Dernier jour fermé").FillAsync(today.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter la fermeture" }).ClickAsync();
        await Expect(page.GetByTestId("closures").GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await page.GetByTestId("closures").GetByRole(AriaRole.Button).First.ClickAsync();
        await Expect(page.GetByTestId("closures").GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("closures")).ToContainTextAsync("Congés annuels");

        // When a customer visits the shop's page in French
        var customer = await web.NewVisitorAsync();
        await customer.GotoAsync($"/fr/coops/{slug}/shops/{shop}/about");

        // Then the week is a table, the two periods of Monday side by side, Wednesday closed, the holidays announced
        var hours = customer.GetByTestId("opening-hours");
        await Expect(hours.GetByRole(AriaRole.Row).Filter(new() { HasText = "Lundi" })).ToContainTextAsync("08:00 – 12:30, 15:00 – 19:30");
        await Expect(hours.GetByRole(AriaRole.Row).Filter(new() { HasText = "Mardi" })).ToContainTextAsync("08:00 – 12:30, 15:00 – 19:30");
        await Expect(hours.GetByRole(AriaRole.Row).Filter(new() { HasText = "Mercredi" })).ToContainTextAsync("Fermé");
        await Expect(customer.GetByTestId("shop-closures")).ToContainTextAsync($"Fermé du {from.ToString("dd/MM", french)} au {to.ToString("dd/MM", french)} (Congés annuels)");
        await Expect(customer.GetByTestId("open-now")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Ouvert · ferme à|Fermé · ouvre) "));
        await customer.ScanAndCaptureAsync("hours-4-shop-page-fr");

        // And in English too
        await customer.GotoAsync($"/en/coops/{slug}/shops/{shop}/about");
        await Expect(customer.GetByTestId("opening-hours").GetByRole(AriaRole.Row).Filter(new() { HasText = "Monday" })).ToContainTextAsync("08:00 – 12:30, 15:00 – 19:30");
        var english = CultureInfo.GetCultureInfo("en-GB");
        await Expect(customer.GetByTestId("shop-closures")).ToContainTextAsync($"Closed from {from.ToString("d MMM", english)} to {to.ToString("d MMM", english)} (Annual holidays)");
        await Expect(customer.GetByTestId("open-now")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Open · closes at|Closed · opens) "));
        await customer.ScanAndCaptureAsync("hours-5-shop-page-en");

        // And the list of shops says whether it is open now
        await customer.GotoAsync($"/fr/coops/{slug}/shops");
        await Expect(customer.GetByTestId("shops").GetByTestId("open-now")).ToHaveCountAsync(1);
        await customer.ScanAndCaptureAsync("hours-6-shops-fr");
    }
}
