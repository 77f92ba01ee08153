using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests.PageScript;

/// <summary>
/// The page's pure modules (alignment, aggregation, statistics, grouping; src/data in the page's sources)
/// tested in Node with its own test runner, one test file per result here so each counts and fails alone.
/// </summary>
[TestClass]
public sealed class PageModuleTests
{
    public static IEnumerable<object[]> TestFiles =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.ReportWeb, "test"), "*.test.js")
            .Select(path => new object[] { Path.GetFileName(path) })
            .OrderBy(row => (string)row[0], StringComparer.Ordinal);

    [TestMethod]
    [DynamicData(nameof(TestFiles))]
    public async Task The_page_modules_pass_their_Node_tests(string file)
    {
        var (exitCode, output, errors) = await Node.RunAsync("--test", Path.Combine("test", file));

        Assert.AreEqual(0, exitCode, $"node --test test/{file} failed:\n{output}\n{errors}");
        StringAssert.Contains(output, "# fail 0", output);
        StringAssert.DoesNotMatch(output, new System.Text.RegularExpressions.Regex(@"# pass 0\b"), "the file ran no test");
    }
}
