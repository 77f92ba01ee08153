using System.Reflection;
using System.Text.RegularExpressions;
using Wandb.Diagnostics;

namespace Wandb.Sdk.Tests.Diagnostics;

/// <summary>
/// Ties the one table of codes (<see cref="WarningCodes"/>) to the page users read (docs/warnings.md) and to
/// every code written anywhere in src/, C# or MSBuild, so a code cannot be added, renumbered or dropped in one
/// place only.
/// </summary>
[TestClass]
public sealed class WarningCodesTests
{
    private static readonly Regex CodeLiteral = new(@"WANDB\d{3}(?!\d)", RegexOptions.Compiled);

    private static readonly Regex DocumentedRow = new(@"^\|\s*(WANDB\d{3})\s*\|", RegexOptions.Compiled | RegexOptions.Multiline);

    private static readonly string[] SourceExtensions = [".cs", ".targets", ".props"];

    private static string RepositoryRoot =>
        typeof(WarningCodesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private static Dictionary<string, string> TableByName() =>
        typeof(WarningCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);

    private static HashSet<string> TableCodes() => [.. TableByName().Values];

    private static List<string> DocumentedCodes() =>
        DocumentedRow.Matches(File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "warnings.md")))
            .Select(m => m.Groups[1].Value)
            .ToList();

    [TestMethod]
    public void Every_code_appears_once_in_the_table_in_the_WANDB_form()
    {
        var table = TableByName();

        Assert.IsNotEmpty(table, "the table was found by reflection");
        foreach (var (name, code) in table)
        {
            Assert.IsTrue(Regex.IsMatch(code, @"^WANDB\d{3}$"), $"{name} = {code}");
        }

        var repeated = table.GroupBy(p => p.Value).Where(g => g.Count() > 1).Select(g => g.Key + ": " + string.Join(", ", g.Select(p => p.Key)));
        Assert.AreEqual(string.Empty, string.Join("\n", repeated), "codes given to more than one name");
    }

    [TestMethod]
    public void Every_code_in_the_table_is_documented_in_warnings_md()
    {
        var documented = DocumentedCodes().ToHashSet();

        var missing = TableByName().Where(p => !documented.Contains(p.Value)).Select(p => $"{p.Value} ({p.Key})");

        Assert.AreEqual(string.Empty, string.Join(", ", missing), "codes in WarningCodes without a row in docs/warnings.md");
    }

    [TestMethod]
    public void Every_code_documented_in_warnings_md_exists_in_the_table_and_has_one_row()
    {
        var documented = DocumentedCodes();
        var table = TableCodes();

        Assert.IsNotEmpty(documented, "docs/warnings.md has rows of codes");
        Assert.AreEqual(string.Empty, string.Join(", ", documented.Where(c => !table.Contains(c))), "codes in docs/warnings.md that WarningCodes does not have");
        Assert.AreEqual(string.Empty, string.Join(", ", documented.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key)), "codes with more than one row in docs/warnings.md");
    }

    [TestMethod]
    public void Every_code_written_in_the_sources_and_MSBuild_files_is_in_the_table()
    {
        var root = RepositoryRoot;
        var table = TableCodes();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*", SearchOption.AllDirectories)
            .Where(f => SourceExtensions.Contains(Path.GetExtension(f)) && !IsBuildOutput(root, f))
            .ToList();

        var unknown = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .SelectMany(l => CodeLiteral.Matches(l.Text).Where(m => !table.Contains(m.Value)).Select(m => $"{Path.GetRelativePath(root, l.File)}:{l.Line}: {m.Value}"));

        Assert.IsTrue(files.Any(f => f.EndsWith(".targets", StringComparison.Ordinal)), "the MSBuild files were searched too");
        Assert.AreEqual(string.Empty, string.Join("\n", unknown), "codes written in src/ that WarningCodes does not have");
    }

    private static bool IsBuildOutput(string root, string file)
    {
        var parts = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj") || parts.Contains("node_modules");
    }
}
