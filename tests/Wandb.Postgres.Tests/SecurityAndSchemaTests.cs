using Wandb.Postgres.Tests.Infrastructure;
using Wandb.Storage;
using Wandb.Storage.Folder;
using Wandb.Storage.Postgres;

namespace Wandb.Postgres.Tests;

[TestClass]
public sealed class SecurityAndSchemaTests
{
    private const string Secret = "wandb-test-secret";
    private static string _connection = string.Empty;

    [ClassInitialize]
    public static void CreateSchema(TestContext context) => _connection = PostgresServer.CreateSchema("security");

    [ClassCleanup]
    public static void DropSchema() => PostgresServer.DropSchema(_connection);

    [TestMethod]
    public void The_store_location_run_metadata_and_errors_never_show_the_password()
    {
        using var temp = new TempFolder("security");
        StringAssert.Contains(_connection, Secret, "the test connection string has a password to hide");
        var output = new RecordingOutput();
        using (var run = TestRuns.Init(new RunOptions { Id = "secret-run" }, _connection, temp.Path, output))
        {
            run.Log("loss", 1);
            Assert.IsFalse(run.StoreLocation!.Contains(Secret), run.StoreLocation);
        }

        var store = TestRuns.OpenPostgres(_connection, temp.Path, output);
        // The server's port comes from build/services.sh (WANDB_PG_PORT, 55432 unless set otherwise).
        var server = new Npgsql.NpgsqlConnectionStringBuilder(_connection);
        Assert.AreEqual($"postgresql://wandb@127.0.0.1:{server.Port}/wandb_test?search_path=" + server.SearchPath, store.Location);
        Assert.AreEqual(0, PostgresServer.Scalar(_connection, $"SELECT count(*) FROM wandb_runs WHERE metadata LIKE '%{Secret}%'"));
        Assert.AreEqual(0, PostgresServer.Scalar(_connection, $"SELECT count(*) FROM wandb_writers WHERE state LIKE '%{Secret}%'"));

        using var relay = new TcpRelay(_connection);
        relay.Cut();
        var unreachable = TestRuns.OpenPostgres(relay.ConnectionString, temp.Path, output);
        var error = Assert.ThrowsExactly<IOException>(() => unreachable.GetRun("secret-run"));
        StringAssert.StartsWith(error.Message, "PostgreSQL store postgresql://wandb@127.0.0.1:");
        Assert.IsFalse(error.ToString().Contains(Secret), error.ToString());

        var invalid = Assert.ThrowsExactly<ArgumentException>(() => StoreFactory.Open($"Host=x;Password={Secret};Bogus Key=1", temp.Path, PhysicalStoreFileSystem.Instance, output, Wandb.Environment.SystemClock.Instance));
        StringAssert.Contains(invalid.Message, "WANDB_STORE");
        Assert.IsFalse(invalid.Message.Contains(Secret), invalid.Message);
        Assert.IsFalse(string.Join("\n", output.Lines).Contains(Secret));
    }

    [TestMethod]
    public void WANDB_STORE_selects_the_PostgreSQL_store_and_its_absence_the_folder_store()
    {
        using var temp = new TempFolder("factory");
        var output = new RecordingOutput();
        var shared = StoreFactory.Open(_connection, temp.Path, PhysicalStoreFileSystem.Instance, output, Wandb.Environment.SystemClock.Instance);
        var local = StoreFactory.Open(null, temp.Path, PhysicalStoreFileSystem.Instance, output, Wandb.Environment.SystemClock.Instance);
        var notAConnectionString = Assert.ThrowsExactly<ArgumentException>(() => StoreFactory.Open("/some/folder", temp.Path, PhysicalStoreFileSystem.Instance, output, Wandb.Environment.SystemClock.Instance));

        Assert.IsInstanceOfType<PostgresRunStore>(shared);
        Assert.IsInstanceOfType<FolderRunStore>(local);
        Assert.AreEqual(temp.Path, local.Location);
        StringAssert.Contains(notAConnectionString.Message, "WANDB_DIR");
    }

    [TestMethod]
    public void A_store_opened_while_another_process_migrates_waits_for_it_beyond_the_command_timeout()
    {
        var schema = PostgresServer.CreateSchema("migrating");
        try
        {
            using var temp = new TempFolder("migrating");
            var oneSecond = new Npgsql.NpgsqlConnectionStringBuilder(schema) { CommandTimeout = 1 }.ConnectionString;
            using var migrating = new Npgsql.NpgsqlConnection(schema);
            migrating.Open();
            var transaction = migrating.BeginTransaction();
            using (var command = new Npgsql.NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(coalesce(current_schema(), '') || ':wandb-schema'))", migrating, transaction))
            {
                command.ExecuteNonQuery();
            }

            var done = Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
                transaction.Commit();
            });
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var store = TestRuns.OpenPostgres(oneSecond, temp.Path, new RecordingOutput());

            Assert.AreEqual(0, store.ListRuns().Count());
            Assert.IsTrue(watch.Elapsed > TimeSpan.FromSeconds(2), $"waited {watch.Elapsed.TotalSeconds:0.0} s for the lock");
            Assert.AreEqual(PostgresSchema.CurrentVersion, PostgresServer.Scalar(schema, "SELECT max(version) FROM wandb_schema_version"));
            done.Wait();
        }
        finally
        {
            PostgresServer.DropSchema(schema);
        }
    }

    [TestMethod]
    public void The_schema_is_created_once_with_its_version_and_a_newer_schema_is_refused_with_advice()
    {
        using var temp = new TempFolder("schema");
        var store = TestRuns.OpenPostgres(_connection, temp.Path, new RecordingOutput());
        Assert.AreEqual(0, store.ListRuns(new RunFilter { Group = "none" }).Count());
        PostgresSchema.ForgetMigrations();
        Assert.AreEqual(0, store.ListRuns(new RunFilter { Group = "none" }).Count());
        Assert.AreEqual(PostgresSchema.CurrentVersion, PostgresServer.Scalar(_connection, "SELECT count(*) FROM wandb_schema_version"), "each version recorded once");
        Assert.AreEqual(PostgresSchema.CurrentVersion, PostgresServer.Scalar(_connection, "SELECT max(version) FROM wandb_schema_version"));

        PostgresServer.Execute("INSERT INTO wandb_schema_version (version) VALUES (99)", _connection);
        PostgresSchema.ForgetMigrations();
        var error = Assert.ThrowsExactly<IOException>(() => store.ListRuns().ToList());
        StringAssert.Contains(error.Message, "schema version 99");
        StringAssert.Contains(error.Message, "Update the Wandb.Sdk package");
        PostgresServer.Execute("DELETE FROM wandb_schema_version WHERE version = 99", _connection);
        PostgresSchema.ForgetMigrations();
    }
}
