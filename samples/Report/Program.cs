// Writes the reports of the run store (WANDB_DIR, else the repository's wandb folder) and prints the path
// of the HTML report last, so scripts can pick it up.
//   --project NAME     only runs of this project
//   --group-by KEYS    group by these keys (comma-separated: group, job_type, or a config column such as LearningRate)
//   --metric NAME      compare the groups on this summary metric
//   --out DIR          write the reports here instead of <store>/report
//   --higher-is-better NAMES   metrics (comma-separated) where higher wins, whatever their name suggests
using Wandb.Reports;
using Wandb.Storage;

var options = new ReportOptions
{
    Project = Option("--project"),
    GroupBy = Option("--group-by")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
    CompareMetric = Option("--metric"),
    OutputDirectory = Option("--out"),
};
foreach (var name in Option("--higher-is-better")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? Array.Empty<string>())
{
    options.HigherIsBetter.Add(name);
}

if (options.CompareMetric is { } metric)
{
    options.KeyMetrics.Add(metric);
}

var result = ReportWriter.WriteAll(RunStore.Open(), options);
foreach (var line in result.ConsoleLines)
{
    Console.WriteLine(line);
}

Console.WriteLine(result.HtmlPath ?? result.JsonPath ?? result.Directory);

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
