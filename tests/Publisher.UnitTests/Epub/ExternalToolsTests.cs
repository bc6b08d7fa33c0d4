using Publisher.TestKit;
using Publisher.TestKit.Epub;
using Xunit.Sdk;

namespace Publisher.UnitTests.Epub;

/// <summary>The TestKit's process runner and validator plumbing.</summary>
public sealed class ExternalToolsTests
{
    [SkippableFact]
    public void Run_captures_output_error_and_exit_code()
    {
        var sh = ExternalTools.Require("sh", "sh");
        var result = ExternalTools.Run(sh, ["-c", "echo out; echo err >&2; exit 3"], TimeSpan.FromSeconds(30));
        Assert.Equal((3, "out\n", "err\n", false), (result.ExitCode, result.StdOut, result.StdErr, result.TimedOut));
    }

    [SkippableFact]
    public void Run_kills_a_program_that_overruns_its_timeout()
    {
        var sh = ExternalTools.Require("sh", "sh");
        var result = ExternalTools.Run(sh, ["-c", "sleep 30"], TimeSpan.FromMilliseconds(200));
        Assert.True(result.TimedOut);
        Assert.Equal(-1, result.ExitCode);
    }

    [Fact]
    public void A_missing_tool_skips_locally_and_fails_when_validators_are_required()
    {
        var e = Record.Exception(() => ExternalTools.Require("no-such-tool", "/no/such/tool"));
        if (ExternalTools.ValidatorsRequired)
        {
            Assert.IsType<FailException>(e);
        }
        else
        {
            Assert.IsType<Xunit.SkipException>(e);
        }

        Assert.Contains("no-such-tool is not installed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Epubcheck_json_reports_are_parsed()
    {
        const string json = """
            {"checker":{"nFatal":0},"messages":[
              {"ID":"RSC-005","severity":"ERROR","message":"Error while parsing file","additionalLocations":0,
               "locations":[{"path":"EPUB/text/a.xhtml","line":12,"column":7,"context":null}],"suggestion":null},
              {"ID":"OPF-058","severity":"USAGE","message":"Spine item not in TOC","locations":[{"path":"EPUB/nav.xhtml","line":-1,"column":-1}]}
            ]}
            """;
        var messages = Epubcheck.Parse(json);
        Assert.Equal(
            [
                new EpubcheckMessage("ERROR", "RSC-005", "Error while parsing file", "EPUB/text/a.xhtml:12:7"),
                new EpubcheckMessage("USAGE", "OPF-058", "Spine item not in TOC", "EPUB/nav.xhtml"),
            ],
            messages.ToArray());
    }
}
