using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Marketplace.BrowserTests.Infrastructure;

/// <summary>What every page visited in a test gets: an axe scan, and screenshots at desktop and phone widths.</summary>
public static class PageChecks
{
    private static readonly string ScreenshotFolder = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    /// <summary>Fails on any axe violation of serious or critical impact, listing each with its elements.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations
            .Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"{violation.Impact} {violation.Id}: {violation.Help} at {string.Join(" | ", violation.Nodes.Select(node => node.Target?.ToString()))}")
            .ToList();
        Assert.True(blocking.Count == 0, $"{page.Url}: {blocking.Count} serious or critical accessibility violation(s):{Environment.NewLine}{string.Join(Environment.NewLine, blocking)}");
    }

    /// <summary>Full-page screenshots, desktop then phone width, as artifacts/screenshots/{name}-{desktop|phone}.png.</summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var viewport = page.ViewportSize;
        await page.SetViewportSizeAsync(Screens.Desktop.Width, Screens.Desktop.Height);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}-desktop.png"), FullPage = true });
        await page.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(viewport?.Width ?? Screens.Desktop.Width, viewport?.Height ?? Screens.Desktop.Height);
    }

    /// <summary>Both checks, the scan at phone width too (the layout changes there).</summary>
    public static async Task ScanAndCaptureAsync(this IPage page, string name)
    {
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync(name);
        var viewport = page.ViewportSize;
        await page.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);
        await page.AssertAccessibleAsync();
        await page.SetViewportSizeAsync(viewport?.Width ?? Screens.Desktop.Width, viewport?.Height ?? Screens.Desktop.Height);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Marketplace.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Marketplace.sln above {AppContext.BaseDirectory}.");
    }
}
