using Microsoft.Playwright;

/// <summary>
/// Debian's Chromium, driven by Playwright: nothing is downloaded. A page fails its test on any
/// console error or uncaught exception, on any dialog, which is how a script that should never
/// have run would show itself, and on any request beyond its own origin.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    /// <summary>Where the tests' screenshots go: beside the test assembly.</summary>
    public static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task InitializeAsync()
    {
        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // Without these Chromium reaches for Google's services, which this machine cannot.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
            await browser.DisposeAsync();
        playwright?.Dispose();
    }

    /// <summary>A new page at <paramref name="url"/>, once the report says it is ready, and the errors it has logged so far and later.</summary>
    public async Task<(IPage page, List<string> errors)> Open(string url, int height = 1200)
    {
        var page = await browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1300, Height = height } });
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                errors.Add(message.Text);
        };
        page.PageError += (_, error) => errors.Add(error);
        // A page asks only its own origin (the file, or the dashboard's server) and data: URIs.
        var origin = new Uri(url).GetLeftPart(UriPartial.Authority);
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(origin, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                errors.Add($"a request to {request.Url}");
        };
        page.Dialog += async (_, dialog) =>
        {
            errors.Add($"a {dialog.Type} dialog opened: {dialog.Message}");
            await dialog.DismissAsync();
        };
        await page.GotoAsync(url);
        await page.WaitForSelectorAsync("body[data-ready='true']");
        return (page, errors);
    }
}
