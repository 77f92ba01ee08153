using System.Text.Json.Nodes;

namespace Wandb.TestSupport;

/// <summary>
/// Reads the runs back from the HTML page's data (schema 2, runs by column: docs/html-report.md, "Data
/// contract"), for tests that check what a report file or the ui server's /api/data holds. It decodes the
/// column forms on its own (plain values, distinct values by index or by stretch) so a test does not trust
/// the writer it checks. Uses nothing of the product, so the end-to-end tests compile it in.
/// </summary>
public static class PageDataRuns
{
    /// <summary>How many runs the page data holds.</summary>
    public static int Count(string pageData) => (int)Runs(pageData)["count"]!;

    /// <summary>The run ids, in the page data's order.</summary>
    public static IReadOnlyList<string> Ids(string pageData)
    {
        var runs = Runs(pageData);
        var column = runs["id"]!.AsObject();
        if (column.ContainsKey("rows"))
        {
            throw new InvalidDataException("every run has an id, so the id column must not list rows");
        }

        if (column["values"] is JsonArray values)
        {
            return values.Select(v => (string)v!).ToList();
        }

        var distinct = column["distinct"]!.AsArray().Select(v => (string)v!).ToList();
        if (column["index"] is JsonArray index)
        {
            return index.Select(i => distinct[(int)i!]).ToList();
        }

        // Stretches: pairs of (distinct index, how many runs in a row have it).
        var repeat = column["repeat"]!.AsArray().Select(v => (int)v!).ToList();
        var ids = new List<string>();
        for (var i = 0; i + 1 < repeat.Count; i += 2)
        {
            ids.AddRange(Enumerable.Repeat(distinct[repeat[i]], repeat[i + 1]));
        }

        return ids;
    }

    /// <summary>
    /// One field of every run, in the page data's order: the JSON text of its value, or null for a run without one
    /// (a column that lists <c>rows</c> leaves the others out).
    /// </summary>
    public static IReadOnlyList<string?> Column(string pageData, string field)
    {
        var runs = Runs(pageData);
        var count = (int)runs["count"]!;
        var column = runs[field]!.AsObject();
        List<string?> values;
        if (column["values"] is JsonArray plain)
        {
            values = plain.Select(Text).ToList();
        }
        else
        {
            var distinct = column["distinct"]!.AsArray().Select(Text).ToList();
            values = column["index"] is JsonArray index
                ? index.Select(i => distinct[(int)i!]).ToList()
                : Stretches(column["repeat"]!.AsArray()).Select(i => distinct[i]).ToList();
        }

        if (column["rows"] is not JsonArray rows)
        {
            return values;
        }

        // Rows are delta coded: each is the distance from the row before (the first from row 0).
        var all = new string?[count];
        var row = 0;
        for (var i = 0; i < values.Count; i++)
        {
            row += (int)rows[i]!;
            all[row] = values[i];
        }

        return all;
    }

    private static IEnumerable<int> Stretches(JsonArray repeat)
    {
        for (var i = 0; i + 1 < repeat.Count; i += 2)
        {
            for (var n = 0; n < (int)repeat[i + 1]!; n++)
            {
                yield return (int)repeat[i]!;
            }
        }
    }

    private static string? Text(JsonNode? value) => value is null ? "null" : value.ToJsonString();

    private static JsonObject Runs(string pageData) =>
        JsonNode.Parse(pageData)!["runs"]?.AsObject() ?? throw new InvalidDataException("the page data has no 'runs' object");
}
