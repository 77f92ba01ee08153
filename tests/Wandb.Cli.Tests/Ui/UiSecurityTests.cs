using System.Net;
using Wandb.Cli.Tests.Infrastructure;

namespace Wandb.Cli.Tests.Ui;

[TestClass]
public sealed class UiSecurityTests
{
    private static readonly string[] Traversals =
    {
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2f..%2fetc/passwd",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/api/../../etc/passwd",
        "/..\\..\\etc\\passwd",
        "/runs/../run.json",
        "/api/data/../../../etc/passwd",
    };

    [TestMethod]
    public async Task On_loopback_the_page_its_data_and_its_events_are_served_with_a_policy_that_allows_this_server_only()
    {
        using var stores = new TempStores();
        var id = stores.AddRun("store", "cv-1");
        await using var ui = await UiProcess.StartAsync("--store", stores.PathOf("store"));

        var page = await RawHttp.GetAsync(ui.Root, "/");
        var data = await RawHttp.GetAsync(ui.Root, "/api/data");

        Assert.AreEqual(200, page.Status, page.Head);
        StringAssert.Contains(page.Head, "Content-Security-Policy: default-src 'none'; script-src 'sha256-");
        StringAssert.Contains(page.Head, "connect-src 'self'; frame-ancestors 'none'");
        StringAssert.Contains(page.Body, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;");
        StringAssert.Contains(page.Body, "connect-src &#39;self&#39;");
        StringAssert.Contains(page.Body, "<meta name=\"wandb-live\" content=\"1\">");
        StringAssert.Contains(page.Body, id);
        Assert.AreEqual(200, data.Status, data.Head);
        StringAssert.Contains(data.Head, "Content-Type: application/json");
        CollectionAssert.Contains(PageDataRuns.Ids(data.Body).ToList(), id, data.Body);
        StringAssert.Contains(ui.Url.ToString(), "http://127.0.0.1:");
        Assert.AreEqual(string.Empty, ui.Url.Query, "no token on loopback unless asked");
    }

    [TestMethod]
    public async Task Path_traversal_attempts_never_reach_a_file()
    {
        using var stores = new TempStores();
        stores.AddRun("store", "cv-1");
        await using var ui = await UiProcess.StartAsync("--store", stores.PathOf("store"));

        foreach (var target in Traversals)
        {
            var response = await RawHttp.GetAsync(ui.Root, target);

            Assert.IsTrue(response.Status is 400 or 404, $"{target}: {response.Head}");
            Assert.IsFalse(response.Body.Contains("root:", StringComparison.Ordinal), target);
            Assert.IsFalse(response.Body.Contains("\"schema\"", StringComparison.Ordinal), target + " reached the store");
        }
    }

    [TestMethod]
    public async Task The_server_is_read_only_and_answers_only_to_loopback_names_without_a_token()
    {
        using var stores = new TempStores();
        stores.AddRun("store", "cv-1");
        await using var ui = await UiProcess.StartAsync("--store", stores.PathOf("store"));

        var post = await RawHttp.GetAsync(ui.Root, "/", method: "POST", headers: "Content-Length: 0");
        var delete = await RawHttp.GetAsync(ui.Root, "/api/data", method: "DELETE");
        var rebound = await RawHttp.GetAsync(ui.Root, "/api/data", host: "attacker.example:" + ui.Root.Port);
        var localhost = await RawHttp.GetAsync(ui.Root, "/api/data", host: "localhost:" + ui.Root.Port);

        Assert.AreEqual(405, post.Status, post.Head);
        Assert.AreEqual(405, delete.Status, delete.Head);
        Assert.AreEqual(403, rebound.Status, "a page that rebinds its own name to 127.0.0.1 is refused");
        Assert.IsFalse(rebound.Body.Contains("schema", StringComparison.Ordinal));
        Assert.AreEqual(200, localhost.Status, localhost.Head);
    }

    [TestMethod]
    public async Task A_non_local_bind_without_a_token_generates_one_prints_it_in_the_URL_and_refuses_every_request_without_it()
    {
        using var stores = new TempStores();
        stores.AddRun("store", "cv-1");
        await using var ui = await UiProcess.StartAsync("--store", stores.PathOf("store"), "--host", "0.0.0.0");
        var token = System.Web.HttpUtility.ParseQueryString(ui.Url.Query)["token"];
        var local = new Uri($"http://127.0.0.1:{ui.Url.Port}/");

        Assert.IsNotNull(token, ui.Output);
        Assert.IsTrue(token.Length >= 32, token);
        foreach (var target in new[] { "/", "/api/data", "/api/events", "/index.html" }.Concat(Traversals))
        {
            var refused = await RawHttp.GetAsync(local, target);
            Assert.AreEqual(401, refused.Status, $"{target} from 127.0.0.1 without the token: {refused.Head}");
            Assert.IsFalse(refused.Body.Contains("schema", StringComparison.Ordinal));
        }

        var wrong = await RawHttp.GetAsync(local, "/api/data", headers: "Authorization: Bearer " + new string('x', token.Length));
        var bearer = await RawHttp.GetAsync(local, "/api/data", headers: "Authorization: Bearer " + token);
        var login = await RawHttp.GetAsync(local, "/?token=" + token);
        var cookie = login.Head.Split("\r\n").Single(l => l.StartsWith("Set-Cookie:", StringComparison.Ordinal)).Substring(12).Split(';')[0];
        var withCookie = await RawHttp.GetAsync(local, "/", headers: "Cookie: " + cookie);

        Assert.AreEqual(401, wrong.Status);
        Assert.AreEqual(200, bearer.Status, bearer.Head);
        Assert.AreEqual(303, login.Status, "the token leaves the URL");
        StringAssert.Contains(login.Head, "Location: /");
        StringAssert.Contains(login.Head.ToLowerInvariant(), "httponly");
        StringAssert.Contains(login.Head.ToLowerInvariant(), "samesite=strict");
        Assert.AreEqual(200, withCookie.Status, withCookie.Head);
        Assert.IsFalse(withCookie.Body.Contains(token, StringComparison.Ordinal), "the token is not written into the page");
    }

    [TestMethod]
    public async Task A_non_local_bind_with_a_given_token_requires_that_token()
    {
        using var stores = new TempStores();
        stores.AddRun("store", "cv-1");
        const string token = "team-token-0123456789";
        await using var ui = await UiProcess.StartAsync("--store", stores.PathOf("store"), "--host", "0.0.0.0", "--token", token);
        var local = new Uri($"http://127.0.0.1:{ui.Url.Port}/");

        var without = await RawHttp.GetAsync(local, "/api/data");
        var with = await RawHttp.GetAsync(local, "/api/data?token=" + token);

        StringAssert.Contains(ui.Url.Query, "token=" + token);
        Assert.AreEqual(401, without.Status);
        Assert.AreEqual(200, with.Status, with.Head);
    }

    [TestMethod]
    public async Task A_taken_port_fails_with_exit_code_1_and_a_line_naming_it()
    {
        using var stores = new TempStores();
        await using var first = await UiProcess.StartAsync("--store", stores.PathOf("store"));

        var second = await CliRun.RunAsync(stores.Root, null, "ui", "--store", "store", "--port", first.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.AreEqual(ExitCodes.Failed, second.ExitCode, second.ToString());
        StringAssert.Contains(second.Error, $"Cannot listen on 127.0.0.1:{first.Url.Port}");
    }

    [TestMethod]
    public void Loopback_names_parse_and_anything_else_is_refused()
    {
        Assert.AreEqual(IPAddress.Loopback, Wandb.Cli.Commands.UiCommand.ParseHost("localhost"));
        Assert.AreEqual(IPAddress.IPv6Loopback, Wandb.Cli.Commands.UiCommand.ParseHost("::1"));
        Assert.IsNull(Wandb.Cli.Commands.UiCommand.ParseHost("db.example"));
    }
}
