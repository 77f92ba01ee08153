using Wandb.Environment;
using Wandb.Settings;

namespace Wandb.Sdk.Tests.Settings;

[TestClass]
public sealed class SettingsResolverTests
{
    private static WandbSettings Resolve(RunOptions options, Dictionary<string, string?> env) =>
        SettingsResolver.Resolve(options, new DictionaryEnvironmentVariables(env), Path.GetTempPath());

    [TestMethod]
    public void Explicit_options_win_over_every_WANDB_variable()
    {
        var env = new Dictionary<string, string?>
        {
            ["WANDB_PROJECT"] = "env-project", ["WANDB_RUN_GROUP"] = "env-group", ["WANDB_JOB_TYPE"] = "env-job",
            ["WANDB_NAME"] = "env-name", ["WANDB_NOTES"] = "env-notes", ["WANDB_TAGS"] = "a,b", ["WANDB_RUN_ID"] = "envid",
            ["WANDB_RESUME"] = "never", ["WANDB_MODE"] = "disabled", ["WANDB_DIR"] = "/tmp/env-dir",
        };
        var options = new RunOptions
        {
            Project = "p", Group = "g", JobType = "j", Name = "n", Notes = "notes", Tags = { "x" }, Id = "explicit1",
            Resume = ResumeMode.Must, Mode = WandbMode.Offline, Dir = "/tmp/explicit-dir",
        };

        var settings = Resolve(options, env);

        Assert.AreEqual("p", settings.Project);
        Assert.AreEqual("g", settings.Group);
        Assert.AreEqual("j", settings.JobType);
        Assert.AreEqual("n", settings.Name);
        Assert.AreEqual("notes", settings.Notes);
        CollectionAssert.AreEqual(new[] { "x" }, settings.Tags.ToArray());
        Assert.AreEqual("explicit1", settings.RunId);
        Assert.AreEqual(ResumeMode.Must, settings.Resume);
        Assert.AreEqual(WandbMode.Offline, settings.Mode);
        Assert.AreEqual("/tmp/explicit-dir", settings.StoreDirectory);
    }

    [TestMethod]
    public void WANDB_variables_fill_in_what_the_options_leave_out()
    {
        var env = new Dictionary<string, string?>
        {
            ["WANDB_PROJECT"] = "env-project", ["WANDB_RUN_GROUP"] = "env-group", ["WANDB_JOB_TYPE"] = "eval",
            ["WANDB_TAGS"] = " a, b ,,a ", ["WANDB_RUN_ID"] = "abc123", ["WANDB_RESUME"] = "MUST", ["WANDB_MODE"] = "disabled",
            ["WANDB_DIR"] = "/tmp/env-dir",
        };

        var settings = Resolve(new RunOptions(), env);

        Assert.AreEqual("env-project", settings.Project);
        Assert.AreEqual("env-group", settings.Group);
        Assert.AreEqual("eval", settings.JobType);
        CollectionAssert.AreEqual(new[] { "a", "b" }, settings.Tags.ToArray());
        Assert.AreEqual("abc123", settings.RunId);
        Assert.AreEqual(ResumeMode.Must, settings.Resume);
        Assert.AreEqual(WandbMode.Disabled, settings.Mode);
        Assert.AreEqual("/tmp/env-dir", settings.StoreDirectory);
    }

    [TestMethod]
    public void Defaults_apply_when_nothing_is_set()
    {
        var settings = Resolve(new RunOptions(), new Dictionary<string, string?>());

        Assert.AreEqual("uncategorized", settings.Project);
        Assert.AreEqual(WandbMode.Offline, settings.Mode);
        Assert.AreEqual(ResumeMode.Allow, settings.Resume);
        Assert.IsNull(settings.Group);
        Assert.IsNull(settings.RunId);
        Assert.AreEqual(0, settings.Tags.Count);
    }

    [TestMethod]
    public void Empty_variables_count_as_unset()
    {
        var settings = Resolve(new RunOptions(), new Dictionary<string, string?> { ["WANDB_PROJECT"] = "  ", ["WANDB_RUN_GROUP"] = "" });

        Assert.AreEqual("uncategorized", settings.Project);
        Assert.IsNull(settings.Group);
    }

    [TestMethod]
    public void An_unknown_mode_is_an_error_that_names_the_variable_and_the_value()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => Resolve(new RunOptions(), new Dictionary<string, string?> { ["WANDB_MODE"] = "turbo" }));

        StringAssert.Contains(error.Message, "WANDB_MODE");
        StringAssert.Contains(error.Message, "turbo");
    }

    [TestMethod]
    public void An_unknown_resume_mode_is_an_error_that_names_the_variable_and_the_value()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => Resolve(new RunOptions(), new Dictionary<string, string?> { ["WANDB_RESUME"] = "sometimes" }));

        StringAssert.Contains(error.Message, "WANDB_RESUME");
        StringAssert.Contains(error.Message, "sometimes");
    }

    [TestMethod]
    public void Online_modes_are_recorded_offline_and_flagged()
    {
        var settings = Resolve(new RunOptions(), new Dictionary<string, string?> { ["WANDB_MODE"] = "online" });

        Assert.AreEqual(WandbMode.Offline, settings.Mode);
        Assert.IsTrue(settings.OnlineRequested);
    }

    [TestMethod]
    public void An_invalid_run_id_from_the_environment_is_an_error_naming_the_variable()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => Resolve(new RunOptions(), new Dictionary<string, string?> { ["WANDB_RUN_ID"] = "../etc" }));

        Assert.AreEqual("WANDB_RUN_ID", error.ParamName);
        StringAssert.Contains(error.Message, "'/'");
    }
}
