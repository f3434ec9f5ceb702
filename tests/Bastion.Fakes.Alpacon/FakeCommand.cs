using System.Text.Json.Nodes;

namespace Bastion.Fakes.Alpacon;

/// <summary>A command submitted to the fake and where it stands in Alpacon's lifecycle.</summary>
public sealed class FakeCommand(string id, FakeServer server, string line, string shell, IReadOnlyDictionary<string, string> environment, string? data, DateTimeOffset addedAt)
{
    private readonly Lock _gate = new();

    public string Id { get; } = id;

    public FakeServer Server { get; } = server;

    public string Line { get; } = line;

    public string Shell { get; } = shell;

    public IReadOnlyDictionary<string, string> Environment { get; } = environment;

    public string? Data { get; } = data;

    public DateTimeOffset AddedAt { get; } = addedAt;

    /// <summary>queued, running, awaiting_approval, success, failed, denied, rejected or stuck.</summary>
    public string Status { get; private set; } = "queued";

    public DateTimeOffset? HandledAt { get; private set; }

    public int? ExitCode { get; private set; }

    public string? ErrorPhase { get; private set; }

    public string Result { get; private set; } = string.Empty;

    public double ElapsedSeconds { get; private set; }

    /// <summary>Moves to <paramref name="status"/> unless the command has ended.</summary>
    public bool Move(string status, params string[] from)
    {
        lock (_gate)
        {
            if (HandledAt is not null || (from.Length > 0 && !from.Contains(Status)))
            {
                return false;
            }

            Status = status;
            return true;
        }
    }

    public void Finish(int? exitCode, string output, double seconds, string? errorPhase = null)
    {
        lock (_gate)
        {
            ExitCode = exitCode;
            Result = output;
            ElapsedSeconds = seconds;
            ErrorPhase = errorPhase;
            Status = exitCode == 0 ? "success" : "failed";
            HandledAt = DateTimeOffset.UtcNow;
        }
    }

    public JsonObject Json()
    {
        lock (_gate)
        {
            return new JsonObject
            {
                ["id"] = Id,
                ["shell"] = Shell,
                ["line"] = Line,
                ["status"] = Status,
                ["success"] = HandledAt is null ? null : ExitCode == 0,
                ["exit_code"] = ExitCode,
                ["error_phase"] = ErrorPhase,
                ["result"] = HandledAt is null ? null : Result,
                ["cancellable"] = HandledAt is null,
                ["response_delay"] = 0.01,
                ["elapsed_time"] = ElapsedSeconds,
                ["added_at"] = FakeJson.Time(AddedAt),
                ["handled_at"] = HandledAt is { } h ? FakeJson.Time(h) : null,
                ["server"] = Server.Summary(),
                ["requested_by"] = new JsonObject { ["id"] = "u-1", ["name"] = "kim", ["email"] = "kim@example.com" },
            };
        }
    }
}
