using Microsoft.Playwright;

namespace EndToEnd.Tests.Browser;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright: one browser process shared by the tests of a class, each test
/// in its own context (its own cookies and localStorage). Playwright's own browsers are never downloaded
/// (`playwright install` does not work on these machines); the package's bundled node driver runs offline.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not been launched.");

    public async Task InitializeAsync()
    {
        // A missing browser is a broken machine, not a reason to skip: every browser test fails with this message.
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"Chromium is not installed ({ExecutablePath} is missing): run ./test.sh, which installs Debian's chromium.");
        // Assertions wait for the page; a shared 2-core machine may be slow, so give them longer than Playwright's 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Args = Arguments,
            Headless = true,
            Timeout = 60_000,
        });
    }

    /// <summary>A fresh context (isolated storage) whose relative URLs resolve against <paramref name="baseUrl"/>.</summary>
    public Task<IBrowserContext> NewContextAsync(Uri baseUrl) =>
        Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl.ToString() });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
