using Publisher.Cli.Watch;
using Publisher.TestKit;
using Publisher.TestKit.Epub;
using PuppeteerSharp;

namespace Publisher.BookTests;

/// <summary>
/// <c>publisher watch</c> as an author sees it: the live preview page open in headless Chromium (Debian's, driven by
/// PuppeteerSharp over the DevTools protocol), a chapter edited on disk, the new words on the page without a reload;
/// then a broken book.yml, its error with its place shown above the last good pages, and the fix clearing it.
/// </summary>
[Slow("Chromium")]
public sealed class WatchBrowserTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task An_edit_saved_on_disk_appears_in_the_open_preview_and_an_error_shows_over_the_last_good_pages()
    {
        var chromium = ExternalTools.Require("Chromium (Debian package chromium)",
            Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } c ? c : Chromium.DefaultPath);
        var manuscript = Repo.TempDir("watch-browser");
        foreach (var file in Directory.GetFiles(Repo.Manuscript))
        {
            File.Copy(file, Path.Combine(manuscript, Path.GetFileName(file)));
        }

        await using var server = new LiveServer(new LiveServerOptions { Manuscript = manuscript, Port = 0, Dpi = 36 }, TextWriter.Null);
        server.Start();
        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            UserDataDir = Repo.TempDir("watch-browser-profile"),
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        await using var page = await browser.NewPageAsync();
        await page.GoToAsync(server.Url.ToString(), WaitUntilNavigation.Load);
        var pages = await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#pages img').length");
        Assert.True(pages > 10, $"the preview shows {pages} pages");
        Assert.False(await page.EvaluateExpressionAsync<bool>(HasWord("Quorblaxine")), "the word is there before the edit");
        var reloads = await page.EvaluateExpressionAsync<int>("performance.getEntriesByType('navigation').length");

        // The author saves a new sentence in the epilogue; the open page shows it by itself.
        await File.AppendAllTextAsync(Path.Combine(manuscript, "17-epilogue.md"), "\n\nQuorblaxine closes the book.\n");
        await page.WaitForExpressionAsync(HasWord("Quorblaxine") + " && " + LoadedImageWith("Quorblaxine"),
            new WaitForFunctionOptions { Timeout = (int)Patience.TotalMilliseconds, PollingInterval = 50 });
        Assert.Equal(reloads, await page.EvaluateExpressionAsync<int>("performance.getEntriesByType('navigation').length"));
        Assert.Equal("none", await page.EvaluateExpressionAsync<string>("getComputedStyle(document.getElementById('errors')).display"));
        var pagesAfterEdit = await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#pages img').length");

        // A broken book.yml: the error, with file:line:col, above the pages, which stay as they were.
        var bookYml = Path.Combine(manuscript, "book.yml");
        var good = await File.ReadAllTextAsync(bookYml);
        await File.WriteAllTextAsync(bookYml, good + "\ntitle: [unclosed\n");
        await page.WaitForExpressionAsync("getComputedStyle(document.getElementById('errors')).display !== 'none'",
            new WaitForFunctionOptions { Timeout = (int)Patience.TotalMilliseconds, PollingInterval = 50 });
        var errors = await page.EvaluateExpressionAsync<string>("document.getElementById('errors').textContent");
        Assert.Matches(@"book\.yml:\d+:\d+: error PUB\d+: ", errors);
        Assert.True(await page.EvaluateExpressionAsync<bool>(HasWord("Quorblaxine")), "the last good pages went away");
        Assert.Equal(pagesAfterEdit, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#pages img').length"));

        // Fixed: the error goes, the pages stay.
        await File.WriteAllTextAsync(bookYml, good);
        await page.WaitForExpressionAsync("getComputedStyle(document.getElementById('errors')).display === 'none'",
            new WaitForFunctionOptions { Timeout = (int)Patience.TotalMilliseconds, PollingInterval = 50 });
        Assert.True(await page.EvaluateExpressionAsync<bool>(HasWord("Quorblaxine")));
    }

    // The words of the pages are the images' text alternatives.
    private static string HasWord(string word) => $"[...document.querySelectorAll('#pages img')].some(i => i.alt.includes('{word}'))";

    // ... and the image that carries them has been drawn, not only asked for (scrolled to, since images load lazily).
    private static string LoadedImageWith(string word) =>
        $"(() => {{ const i = [...document.querySelectorAll('#pages img')].find(i => i.alt.includes('{word}')); if (!i) return false; i.scrollIntoView(); return i.complete && i.naturalWidth > 0; }})()";
}
