using Wandb.Storage.Postgres;

namespace Wandb.Postgres.Tests;

[TestClass]
public sealed class ConnectionInfoTests
{
    [TestMethod]
    public void A_connection_string_is_shown_as_a_url_without_its_password()
    {
        var info = PostgresConnectionInfo.Parse("Host=db.example;Port=6543;Database=ml;Username=ci;Password=hunter2;Search Path=churn", "WANDB_STORE");

        Assert.AreEqual("postgresql://ci@db.example:6543/ml?search_path=churn", info.Location);
        StringAssert.Contains(info.ConnectionString, "hunter2", "Npgsql still gets the password");
        Assert.AreEqual("login for postgresql://ci@db.example:6543/ml?search_path=churn failed: *** rejected", info.Redact($"login for {info.ConnectionString} failed: hunter2 rejected"));
    }

    [TestMethod]
    public void Key_value_pairs_are_a_connection_string_and_paths_are_not()
    {
        Assert.IsTrue(PostgresConnectionInfo.LooksLikeConnectionString("Host=127.0.0.1;Database=wandb"));
        Assert.IsTrue(PostgresConnectionInfo.LooksLikeConnectionString("Server Compatibility Mode=NoTypeLoading;Host=x"));
        Assert.IsFalse(PostgresConnectionInfo.LooksLikeConnectionString("/var/runs/wandb"));
        Assert.IsFalse(PostgresConnectionInfo.LooksLikeConnectionString("C:\\runs\\a=b"));
    }

    [TestMethod]
    public void A_connection_string_without_a_host_is_an_error_that_names_the_setting_but_not_the_password()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => PostgresConnectionInfo.Parse("Database=ml;Password=hunter2", "WandbStore"));

        Assert.AreEqual("WandbStore", error.ParamName);
        StringAssert.Contains(error.Message, "without Host");
        Assert.IsFalse(error.Message.Contains("hunter2"), error.Message);
    }
}
