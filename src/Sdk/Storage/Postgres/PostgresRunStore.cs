using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Newtonsoft.Json;
using Npgsql;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Grouping.Aggregates;
using Wandb.Storage.Codec;
using Wandb.Storage.Curves;

namespace Wandb.Storage.Postgres;

/// <summary>
/// The shared store: the folder store's run model (run metadata, one state and one history per writing
/// process) in PostgreSQL tables, so runs from many machines meet in one place and read back exactly as
/// they would from a folder. Selected by <c>WANDB_STORE</c>; see docs/shared-store.md.
/// </summary>
internal sealed class PostgresRunStore : RunStore
{
    private readonly ConcurrentDictionary<string, RunMetadataFile> _opened = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _notYetCreated = new(StringComparer.Ordinal);
    private readonly string _localHost = SystemInfoCollector.SafeHostName();
    private readonly RunCurveCache _curves;
    private int _warnedUnreachable;

    public PostgresRunStore(PostgresConnectionInfo connection, string spillDirectory, IStoreFileSystem fileSystem, IWandbOutput output, IClock clock, PostgresStoreOptions options)
    {
        Connection = connection;
        SpillDirectory = spillDirectory;
        FileSystem = fileSystem;
        _curves = RunCurveCache.ForPostgres(connection.Location, spillDirectory, fileSystem, ids => Read(c => (IReadOnlyDictionary<string, string>)PostgresHistory.Stamps(c, ids)));
        Output = output;
        Clock = clock;
        Options = options;
    }

    public override string Location => Connection.Location;

    internal override string LocalDirectory => SpillDirectory;

    public PostgresConnectionInfo Connection { get; }

    /// <summary>The local folder store that takes a writer's rows when the server stays unreachable.</summary>
    public string SpillDirectory { get; }

    public IStoreFileSystem FileSystem { get; }

    public IWandbOutput Output { get; }

    public IClock Clock { get; }

    public PostgresStoreOptions Options { get; }

    public override IEnumerable<StoredRun> ListRuns(RunFilter? filter = null)
    {
        filter ??= new RunFilter();
        var rows = Read(connection =>
        {
            using var command = new NpgsqlCommand(
                "SELECT r.id, r.metadata, w.state FROM wandb_runs r LEFT JOIN wandb_writers w ON w.run_id = r.id " +
                $"WHERE {FilterClause} ORDER BY r.id COLLATE \"C\", w.writer COLLATE \"C\"",
                connection);
            AddFilter(command, filter);
            return ReadRunRows(command);
        });

        return AssembleRuns(rows).Where(filter.Matches).ToList();
    }

    /// <summary>
    /// Group aggregates computed in the database (<see cref="PostgresGroupAggregates"/>): only the groups holding a run
    /// whose state depends on this host (running, crashed, several writers) or of a shape SQL leaves to the reader are
    /// assembled here from their runs, so a store of a million finished runs never crosses the network row by row.
    /// </summary>
    internal override IReadOnlyList<GroupAggregate> AggregateGroups(RunFilter? filter = null) => Aggregate(filter ?? new RunFilter(), activity: false);

    /// <summary>
    /// Every group's activity, what retention judges groups by, computed in SQL as the aggregates are: the latest
    /// <c>created_at</c> or writer <c>updated_at</c> (to the microsecond the columns keep) and the git branches of the
    /// runs' metadata. The metric statistics are left out (empty): retention does not read them, and they are most of
    /// the query's cost.
    /// </summary>
    internal IReadOnlyList<GroupAggregate> AggregateActivity(RunFilter filter) => Aggregate(filter, activity: true);

    private IReadOnlyList<GroupAggregate> Aggregate(RunFilter filter, bool activity)
    {
        try
        {
            return AggregateInDatabase(filter, activity);
        }
        catch (PostgresException ex) when (ex.SqlState.StartsWith("22", StringComparison.Ordinal))
        {
            // A state SQL cannot read as JSON (class 22, data exception) is one the reader skips with a warning:
            // the listing gives the answer it gives.
            return base.AggregateGroups(filter);
        }
        catch (Exception ex) when (PostgresErrors.IsStoreFailure(ex) && ex is not IOException)
        {
            throw PostgresErrors.Wrap(ex, Connection);
        }
    }

    /// <summary>The aggregates are computed in SQL: reports of large stores read only the runs they show in full.</summary>
    internal override GroupSource? OpenGroups(RunFilter filter) => new PostgresGroupSource(this, filter);

    /// <summary>Counted in SQL up to one past <paramref name="count"/>; a state filter needs each run's writers, so the aggregates decide then.</summary>
    internal bool HoldsMoreRunsThan(RunFilter filter, int count) => filter.State is not null || Read(connection =>
    {
        using var command = new NpgsqlCommand($"SELECT count(*) FROM (SELECT 1 FROM wandb_runs r WHERE {FilterClause} LIMIT @limit) counted", connection);
        AddFilter(command, filter);
        command.Parameters.AddWithValue("limit", (long)count + 1);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > count;
    });

    /// <summary>The runs <paramref name="filter"/> selects of the given groups (each a project and a group, null for the project's runs without one), joined in SQL.</summary>
    internal IReadOnlyList<StoredRun> ListRunsOfGroups(RunFilter filter, IReadOnlyCollection<(string Project, string? Group)> groups)
    {
        if (groups.Count == 0)
        {
            return Array.Empty<StoredRun>();
        }

        var rows = Read(connection =>
        {
            using var command = PostgresGroupAggregates.RunsOfGroups(connection, groups.Select(g => g.Project).ToArray(), groups.Select(g => g.Group).ToArray(), filter);
            return ReadRunRows(command);
        });
        return AssembleRuns(rows).Where(filter.Matches).ToList();
    }

    public override StoredRun? GetRun(string runId)
    {
        RunId.Validate(runId, nameof(runId));
        var rows = Read(connection =>
        {
            using var command = new NpgsqlCommand(
                "SELECT r.id, r.metadata, w.state FROM wandb_runs r LEFT JOIN wandb_writers w ON w.run_id = r.id WHERE r.id = @id ORDER BY w.writer COLLATE \"C\"",
                connection);
            PostgresRuns.AddText(command, "id", runId);
            return ReadRunRows(command);
        });

        return AssembleRuns(rows).FirstOrDefault();
    }

    /// <summary>
    /// Deletes runs in one transaction: their rows are locked, any with a live writer is left, and the rest go
    /// with their writers and history, so a reader sees each run whole or not at all.
    /// </summary>
    internal override IReadOnlyList<string> DeleteRuns(IReadOnlyCollection<string> runIds, IWandbOutput output)
    {
        foreach (var id in runIds)
        {
            RunId.Validate(id, nameof(runIds));
        }

        try
        {
            return WithConnection(connection =>
            {
                using var transaction = connection.BeginTransaction();
                using (var lockRuns = new NpgsqlCommand("SELECT id FROM wandb_runs WHERE id = ANY(@ids) FOR UPDATE", connection, transaction))
                {
                    lockRuns.Parameters.AddWithValue("ids", runIds.ToArray());
                    lockRuns.ExecuteNonQuery();
                }

                List<(string Id, string Metadata, string? State)> rows;
                using (var read = new NpgsqlCommand(
                    "SELECT r.id, r.metadata, w.state FROM wandb_runs r LEFT JOIN wandb_writers w ON w.run_id = r.id WHERE r.id = ANY(@ids) ORDER BY r.id COLLATE \"C\", w.writer COLLATE \"C\"",
                    connection,
                    transaction))
                {
                    read.Parameters.AddWithValue("ids", runIds.ToArray());
                    rows = ReadRunRows(read);
                }

                var idle = AssembleRuns(rows).Where(r => r.State != RunState.Running).Select(r => r.Id).ToArray();
                using (var history = new NpgsqlCommand("DELETE FROM wandb_history WHERE run_id = ANY(@ids)", connection, transaction))
                {
                    history.Parameters.AddWithValue("ids", idle);
                    history.ExecuteNonQuery();
                }

                using (var runs = new NpgsqlCommand("DELETE FROM wandb_runs WHERE id = ANY(@ids)", connection, transaction))
                {
                    runs.Parameters.AddWithValue("ids", idle);
                    runs.ExecuteNonQuery();
                }

                transaction.Commit();
                foreach (var id in idle)
                {
                    _curves.Forget(id);
                }

                return (IReadOnlyList<string>)idle;
            });
        }
        catch (Exception ex) when (PostgresErrors.IsStoreFailure(ex))
        {
            output.Warning(WarningCodes.RetentionDeleteFailed, $"Retention could not delete {runIds.Count} run(s): {PostgresErrors.Wrap(ex, Connection).Message} They stay; the next refresh with retention tries again.");
            return Array.Empty<string>();
        }
    }

    /// <summary>
    /// Each history read opens its own pooled connection, so the server reads several runs' pages at once: the histories
    /// of the 5,000 runs a report shows, cold caches, 100,000-run store, took 5.7-6.5 s one at a time and 4.5 s on two threads (a probe).
    /// </summary>
    internal override bool ReadsHistoriesInParallel => true;

    internal override RunCurveCache CurveCache => _curves;

    public override IEnumerable<HistoryRow> ReadHistory(string runId)
    {
        RunId.Validate(runId, nameof(runId));
        return Guard(ReadHistoryUnguarded(runId));
    }

    internal override RunOpenResult OpenRun(RunMetadataFile requested, ResumeMode resume)
    {
        RunMetadataFile? existing;
        bool created;
        try
        {
            (existing, created) = WithConnection(connection =>
            {
                var found = PostgresRuns.ReadMetadata(connection, requested.Id);
                if (found is not null || resume == ResumeMode.Must)
                {
                    return (found, false);
                }

                // Another process may create the same run a moment before us: then join it, as a resume would.
                return PostgresRuns.TryCreateRun(connection, null, requested) ? (null, true) : (PostgresRuns.ReadMetadata(connection, requested.Id), false);
            });
        }
        catch (Exception ex) when (PostgresErrors.IsStoreFailure(ex))
        {
            // Training must start even when the server is down: the writer creates the run once it can
            // reach the server, or spills it to the local folder store.
            if (Interlocked.Exchange(ref _warnedUnreachable, 1) == 0)
            {
                Output.Warning(
                    WarningCodes.PostgresUnreachableAtStart,
                    $"Cannot reach the PostgreSQL store {Location} to open run '{requested.Id}' ({Connection.Redact(ex.Message)}). The run starts anyway; it is written to the database when the server answers, or to the local folder store {SpillDirectory} if it does not.");
            }

            _opened[requested.Id] = requested;
            _notYetCreated[requested.Id] = true;
            return new RunOpenResult(requested, Attached: false, NextStep: 0);
        }

        if (created)
        {
            _opened[requested.Id] = requested;
            return new RunOpenResult(requested, Attached: false, NextStep: 0);
        }

        if (existing is null)
        {
            throw new InvalidOperationException(
                $"Run '{requested.Id}' does not exist in {Location}, and resume is 'must'. Set WANDB_RESUME=allow to create it.");
        }

        if (resume == ResumeMode.Never)
        {
            throw new InvalidOperationException(
                $"Run '{requested.Id}' already exists in {Location}, and resume is 'never'. Use another id or set WANDB_RESUME=allow to attach to it.");
        }

        var states = Read(connection => PostgresRuns.ReadStates(connection, requested.Id)).Select(state => CaughtUp(requested.Id, state)).ToList();
        var lastStep = states.Count == 0 ? null : states.Max(s => s.LastStep);
        _opened[requested.Id] = existing;
        return new RunOpenResult(existing, Attached: true, NextStep: lastStep is null ? 0 : lastStep.Value + 1);
    }

    internal override IRunWriter CreateWriter(string runId, string writerId)
    {
        var metadata = _opened.TryGetValue(runId, out var known) ? known : new RunMetadataFile { Id = runId, Name = runId, Project = "uncategorized", CreatedAt = Clock.UtcNow };
        return new PostgresRunWriter(this, metadata, writerId, createRun: _notYetCreated.TryRemove(runId, out _));
    }

    internal override Runs.RunFallback CreateFallback(RunMetadataFile run, string writerId) => Folder.FallbackFolder.Create(this, FileSystem, Output, Clock, run, writerId);

    internal override string MergeInstruction(string folder) => $"`dotnet build -t:WandbMerge -p:WandbMergeFrom=\"{folder}\"` with WANDB_STORE set to the connection string";

    /// <summary>Finished runs in bulk: one transaction per flush (the test logger's thousands of results).</summary>
    internal override Batches.IRunBatchWriter CreateBatchWriter(string writerId) => new PostgresRunBatchWriter(this, writerId);

    /// <summary>Opens a connection with the schema in place.</summary>
    public NpgsqlConnection OpenConnection()
    {
        var connection = new NpgsqlConnection(Connection.ConnectionString);
        try
        {
            connection.Open();
            PostgresSchema.Ensure(connection, Connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private IReadOnlyList<GroupAggregate> AggregateInDatabase(RunFilter filter, bool activity)
    {
        var parts = new List<SqlGroupAggregate>[PostgresGroupAggregates.Parts];
        try
        {
            Parallel.For(0, parts.Length, part => parts[part] = WithConnection(c => PostgresGroupAggregates.Query(c, filter, part, parts.Length, activity)));
        }
        catch (AggregateException ex)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }

        return WithConnection(connection => Complete(connection, parts.SelectMany(p => p).ToList(), filter, activity));
    }

    /// <summary>Assembles the groups SQL left to the reader, and reads the exact time of the others' newest run.</summary>
    private List<GroupAggregate> Complete(NpgsqlConnection connection, List<SqlGroupAggregate> groups, RunFilter filter, bool activity)
    {
        var result = new List<GroupAggregate>(groups.Count);
        var assembled = groups.Where(g => g.NeedsRuns).ToList();
        if (assembled.Count > 0)
        {
            using var command = PostgresGroupAggregates.RunsOfGroups(connection, assembled, filter);
            result.AddRange(GroupAggregator.Of(AssembleRuns(ReadRunRows(command)).Where(filter.Matches).ToList()));
        }

        var decided = groups.Where(g => !g.NeedsRuns && g.Runs > 0).ToList();
        var newest = new Dictionary<(string, string?), DateTimeOffset>();
        if (decided.Count > 0)
        {
            using var command = PostgresGroupAggregates.NewestOfGroups(connection, decided);
            foreach (var run in AssembleRuns(ReadRunRows(command)).Where(filter.Matches))
            {
                var key = (run.Project, run.Group);
                newest[key] = newest.TryGetValue(key, out var known) && known >= run.CreatedAt ? known : run.CreatedAt;
            }
        }

        foreach (var group in decided)
        {
            var states = new SortedDictionary<RunState, int>(group.States);
            // The column's time stands only if run.json could not be read (such a run is skipped with a warning).
            var newestCreated = newest.TryGetValue((group.Project, group.Group), out var exact) ? exact : new DateTimeOffset(group.NewestColumn, TimeSpan.Zero);
            result.Add(new GroupAggregate(group.Project, group.Group, group.Runs, states, newestCreated, group.JobTypes, group.AnyWithoutJobType, group.Metrics, activity ? ActivityOf(group, newestCreated) : null));
        }

        result.Sort(GroupAggregator.Compare);
        return result;
    }

    /// <summary>
    /// A decided group's activity from its columns. The newest run's exact creation time (ticks, from run.json) stands
    /// when it is later than the columns' microseconds say, so a group is never older than its newest run.
    /// </summary>
    private static GroupActivity ActivityOf(SqlGroupAggregate group, DateTimeOffset newestCreated)
    {
        var column = new DateTimeOffset(group.LastActiveColumn ?? group.NewestColumn, TimeSpan.Zero);
        return new GroupActivity(column > newestCreated ? column : newestCreated, group.Branches);
    }

    /// <summary>The part of a run filter SQL applies to <c>wandb_runs r</c> (a run's state needs its writers: the reader filters on it); parameters from <see cref="AddFilter"/>.</summary>
    private const string FilterClause =
        "(@project::text IS NULL OR r.project = @project) AND (@grp::text IS NULL OR r.run_group = @grp) AND (@job::text IS NULL OR r.job_type = @job)";

    private static void AddFilter(NpgsqlCommand command, RunFilter filter)
    {
        PostgresRuns.AddText(command, "project", filter.Project);
        PostgresRuns.AddText(command, "grp", filter.Group);
        PostgresRuns.AddText(command, "job", filter.JobType);
    }

    private static List<(string Id, string Metadata, string? State)> ReadRunRows(NpgsqlCommand command)
    {
        var rows = new List<(string, string, string?)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return rows;
    }

    private IEnumerable<StoredRun> AssembleRuns(List<(string Id, string Metadata, string? State)> rows)
    {
        var index = 0;
        while (index < rows.Count)
        {
            var id = rows[index].Id;
            RunMetadataFile? metadata = null;
            var states = new List<WriterStateFile>();
            try
            {
                metadata = StoreCodec.Deserialize<RunMetadataFile>(rows[index].Metadata);
            }
            catch (JsonException ex)
            {
                Output.Warning(WarningCodes.UnreadableRunFile, $"Skipped run '{id}' in {Location}: its metadata cannot be read ({ex.Message}).");
            }

            for (; index < rows.Count && rows[index].Id == id; index++)
            {
                if (rows[index].State is not { } json)
                {
                    continue;
                }

                try
                {
                    states.Add(CaughtUp(id, StoreCodec.Deserialize<WriterStateFile>(json)));
                }
                catch (JsonException ex)
                {
                    Output.Warning(WarningCodes.UnreadableRunFile, $"Skipped a writer state of run '{id}' in {Location} ({ex.Message}).");
                }
            }

            if (metadata is not null)
            {
                yield return StoredRunAssembler.Assemble(metadata, states, Clock, _localHost);
            }
        }
    }

    /// <summary>A crashed writer's state with the rows the database holds past it (see <see cref="CrashedWriters"/>).</summary>
    private WriterStateFile CaughtUp(string runId, WriterStateFile state)
    {
        if (!CrashedWriters.IsCrashed(state, Clock, _localHost))
        {
            return state;
        }

        return Read(connection =>
        {
            var parser = new HistoryLineParser();
            var rows = PostgresHistory.ReadWriterLines(connection, runId, state.Writer, state.Rows).Select(parser.TryParse).OfType<HistoryRow>().ToList();
            return CrashedWriters.CatchUp(state, rows);
        });
    }

    private IEnumerable<HistoryRow> ReadHistoryUnguarded(string runId)
    {
        using var connection = OpenConnection();
        var parser = new HistoryLineParser();
        foreach (var line in PostgresHistory.ReadLines(connection, runId))
        {
            if (parser.TryParse(line) is { } row)
            {
                yield return row;
            }
        }
    }

    private T Read<T>(Func<NpgsqlConnection, T> read)
    {
        try
        {
            return WithConnection(read);
        }
        catch (Exception ex) when (PostgresErrors.IsStoreFailure(ex) && ex is not IOException)
        {
            throw PostgresErrors.Wrap(ex, Connection);
        }
    }

    private T WithConnection<T>(Func<NpgsqlConnection, T> action)
    {
        try
        {
            using var connection = OpenConnection();
            return action(connection);
        }
        catch (NpgsqlException)
        {
            // After a server restart every idle pooled connection is dead and the first one used fails.
            // Start afresh once before calling the server unreachable; the actions are safe to repeat.
            using (var probe = new NpgsqlConnection(Connection.ConnectionString))
            {
                NpgsqlConnection.ClearPool(probe);
            }

            using var connection = OpenConnection();
            return action(connection);
        }
    }

    private IEnumerable<HistoryRow> Guard(IEnumerable<HistoryRow> rows)
    {
        using var cursor = rows.GetEnumerator();
        while (true)
        {
            HistoryRow row;
            try
            {
                if (!cursor.MoveNext())
                {
                    break;
                }

                row = cursor.Current;
            }
            catch (Exception ex) when (PostgresErrors.IsStoreFailure(ex) && ex is not IOException)
            {
                throw PostgresErrors.Wrap(ex, Connection);
            }

            yield return row;
        }
    }
}
