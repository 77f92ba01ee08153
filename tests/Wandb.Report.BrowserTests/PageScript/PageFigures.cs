using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Wandb.Report.BrowserTests.Infrastructure;

namespace Wandb.Report.BrowserTests.PageScript;

/// <summary>
/// Runs one of the page's figure scripts (<c>web/test/page-*.js</c>) in Node on an input written as JSON, and
/// compares the figures it prints with the C# engine's: the page and the engine must show the same numbers.
/// </summary>
internal static class PageFigures
{
    private const double RelativeTolerance = 1e-12;

    /// <summary>The script's output: one JSON object of figures per case of <paramref name="input"/>.</summary>
    public static async Task<JArray> ComputeAsync(string script, object input)
    {
        var path = Path.Combine(Path.GetTempPath(), "wandb-browser-tests", Path.GetFileNameWithoutExtension(script) + "-" + Guid.NewGuid().ToString("N") + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonConvert.SerializeObject(input));
        try
        {
            var (exitCode, output, errors) = await Node.RunAsync(Path.Combine("test", script), path);
            Assert.AreEqual(0, exitCode, errors);
            return JArray.Parse(output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A line per figure where the page's differs from the engine's by more than 1e-12 relative.</summary>
    public static IEnumerable<string> Mismatches(string caseName, IEnumerable<(string Name, double Engine, JToken Page)> figures) =>
        figures
            .Select(f => (f.Name, f.Engine, Page: Number(f.Page)))
            .Where(f => !Same(f.Engine, f.Page))
            .Select(f => $"{caseName}, {f.Name}: engine {f.Engine:R}, page {f.Page:R}");

    private static double Number(JToken token) => token.Type switch
    {
        JTokenType.Integer or JTokenType.Float => token.Value<double>(),
        JTokenType.String => double.Parse(token.Value<string>()!, CultureInfo.InvariantCulture),
        _ => throw new AssertFailedException("not a number: " + token),
    };

    private static bool Same(double expected, double actual) =>
        (double.IsNaN(expected) && double.IsNaN(actual))
        || expected == actual
        || Math.Abs(expected - actual) <= RelativeTolerance * Math.Max(Math.Abs(expected), Math.Abs(actual));
}
