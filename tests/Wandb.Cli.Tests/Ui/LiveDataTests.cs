using System.Diagnostics;
using System.Net.Http.Headers;
using Wandb.Cli.Tests.Infrastructure;

namespace Wandb.Cli.Tests.Ui;

[TestClass]
public sealed class LiveDataTests
{
    [TestMethod]
    public async Task A_run_logged_after_the_server_started_is_announced_as_a_new_version_and_served()
    {
        using var stores = new TempStores();
        await using var ui = await UiProcess.StartAsync("--store", stores.PathOf("store"));
        using var http = new HttpClient { BaseAddress = ui.Root, Timeout = TimeSpan.FromSeconds(30) };
        using var events = new StreamReader(await http.GetStreamAsync("/api/events"));
        var first = await NextVersionAsync(events);
        var before = await http.GetStringAsync("/api/data");

        var watch = Stopwatch.StartNew();
        var id = stores.AddRun("store", "live-1", steps: 3);
        string data;
        long version;
        do
        {
            version = await NextVersionAsync(events);
            data = await http.GetStringAsync("/api/data?v=" + version);
        }
        while (!data.Contains(id, StringComparison.Ordinal) && watch.Elapsed < TimeSpan.FromSeconds(60));

        Assert.AreEqual(0, PageDataRuns.Count(before), before);
        Assert.IsTrue(version > first);
        CollectionAssert.AreEqual(new[] { id }, PageDataRuns.Ids(data).ToList(), data);
        StringAssert.Contains(data, "\"metrics\":[\"accuracy\",\"loss\"]");
    }

    [TestMethod]
    public async Task Past_max_detail_runs_the_live_data_carries_the_newest_group_in_full_and_says_what_it_left_out()
    {
        using var stores = new TempStores();
        stores.AddRun("store", "cv-1");
        stores.AddRun("store", "cv-2");
        var newest = stores.AddRun("store", "cv-3");
        await using var ui = await UiProcess.StartAsync("--store", stores.PathOf("store"), "--max-detail-runs", "1");
        using var http = new HttpClient { BaseAddress = ui.Root, Timeout = TimeSpan.FromSeconds(30) };

        var data = await http.GetStringAsync("/api/data");

        CollectionAssert.AreEqual(new[] { newest }, PageDataRuns.Ids(data).ToList(), data);
        var omitted = System.Text.Json.Nodes.JsonNode.Parse(data)!["omitted"]!;
        Assert.AreEqual(2, omitted["runs"]!.GetValue<int>(), data);
        Assert.AreEqual(2, omitted["groups"]!.GetValue<int>(), data);
        CollectionAssert.AreEquivalent(new[] { "cv-1", "cv-2" }, omitted["summary_only"]!.AsArray().Select(g => g!["group"]!.GetValue<string>()).ToList());
    }

    [TestMethod]
    public async Task Every_browser_gets_the_same_cached_data_compressed_once_per_version()
    {
        using var stores = new TempStores();
        stores.AddRun("store", "cv-1", steps: 50);
        await using var ui = await UiProcess.StartAsync("--store", stores.PathOf("store"));
        using var handler = new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None };
        using var http = new HttpClient(handler) { BaseAddress = ui.Root };
        http.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        var a = await http.GetAsync("/api/data");
        var b = await http.GetAsync("/api/data");

        Assert.AreEqual("gzip", a.Content.Headers.ContentEncoding.Single());
        CollectionAssert.AreEqual(await a.Content.ReadAsByteArrayAsync(), await b.Content.ReadAsByteArrayAsync());
        Assert.AreEqual(a.Headers.ETag, b.Headers.ETag);
    }

    private static async Task<long> NextVersionAsync(StreamReader events)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (await events.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return long.Parse(line.Substring(6), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new EndOfStreamException("The event stream ended.");
    }
}
