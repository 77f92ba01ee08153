using System.Globalization;
using System.Text;
using Wandb.Reports;
using Wandb.Storage;

namespace Wandb.Cli.Commands;

/// <summary>The table <c>dotnet wandb ls</c> prints: one block per group (its runs and states), one row per run.</summary>
internal static class RunTable
{
    /// <summary>
    /// The widest name, job type or project cell. Data-driven tests name their runs with every argument (hundreds of
    /// characters), which pushed every other column off the screen; <c>--json</c> has them whole.
    /// </summary>
    internal const int MaxTextWidth = 60;

    public static void Write(TextWriter output, string location, ReportModel model)
    {
        var runs = model.Runs;
        var groups = model.ByGroup.Groups;
        output.WriteLine($"{Plural(model.RunCount, "run")} in {Plural(groups.Count, "group")} · {Clean(location)}");
        var manyProjects = runs.Select(r => r.Project).Distinct(StringComparer.Ordinal).Count() > 1;
        foreach (var group in groups)
        {
            output.WriteLine();
            var name = group.Path[0].IsMissing ? "(no group)" : Clean(group.Path[0].Text!);
            output.WriteLine($"{name}  ({Plural(group.RunCount, "run")}: {StateCountText.Of(group.States)})");
            if (group.IsAggregate)
            {
                // The store counted this group without handing out its runs: the store holds more runs than a listing shows.
                output.WriteLine("  runs not listed (the store holds more than the listing's budget); --group NAME lists them");
                continue;
            }

            var header = new List<string> { "ID", "NAME" };
            if (manyProjects)
            {
                header.Add("PROJECT");
            }

            header.AddRange(new[] { "JOB TYPE", "STATE", "CREATED (UTC)", "DURATION" });
            var rows = new List<IReadOnlyList<string>> { header };
            rows.AddRange(group.Runs.Select(run => Row(run, manyProjects)));
            WriteAligned(output, rows);
        }
    }

    private static IReadOnlyList<string> Row(StoredRun run, bool withProject)
    {
        var cells = new List<string> { Clean(run.Id), Cut(Clean(run.Name)) };
        if (withProject)
        {
            cells.Add(Cut(Clean(run.Project)));
        }

        cells.Add(run.JobType is null ? "-" : Cut(Clean(run.JobType)));
        cells.Add(run.State.ToName());
        cells.Add(run.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        cells.Add(NumberText.Duration(run.DurationSeconds));
        return cells;
    }

    internal static void WriteAligned(TextWriter output, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Count).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            var line = new StringBuilder("  ");
            for (var c = 0; c < row.Count; c++)
            {
                line.Append(c == row.Count - 1 ? row[c] : row[c].PadRight(widths[c] + 2));
            }

            output.WriteLine(line.ToString().TrimEnd());
        }
    }

    internal static string Plural(long count, string noun) => count.ToString("N0", CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");

    /// <summary>Text past <see cref="MaxTextWidth"/> characters is cut and ends in '…' (never between the halves of a surrogate pair).</summary>
    internal static string Cut(string text)
    {
        if (text.Length <= MaxTextWidth)
        {
            return text;
        }

        var keep = MaxTextWidth - 1;
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return text.Substring(0, keep) + "…";
    }

    /// <summary>Names come from users: control characters (a terminal escape sequence in a run name) are shown as '?', never sent to the terminal.</summary>
    internal static string Clean(string text) =>
        text.Any(char.IsControl) ? new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray()) : text;
}
