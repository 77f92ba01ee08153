// Writes the reports of the run store (WANDB_DIR, else the repository's wandb folder) and prints the path
// of the HTML report last, so scripts can pick it up.
using Wandb.Reports;
using Wandb.Storage;

var store = RunStore.Open();
var result = ReportWriter.WriteAll(store);
foreach (var line in result.ConsoleLines)
{
    Console.WriteLine(line);
}

Console.WriteLine(result.HtmlPath ?? result.JsonPath ?? result.Directory);
