namespace Bastion.Fakes.Alpacon;

/// <summary>A WebFTP upload or download and its status ("success" null while the agent works).</summary>
public sealed class FakeTransfer(string id, FakeServer server, string name, string path, string kind)
{
    public string Id { get; } = id;

    public FakeServer Server { get; } = server;

    public string Name { get; } = name;

    public string Path { get; } = path;

    /// <summary>upload or download.</summary>
    public string Kind { get; } = kind;

    public bool AllowOverwrite { get; init; }

    public bool AllowUnzip { get; init; }

    public bool Folder { get; init; }

    public string StorageKey { get; } = Guid.NewGuid().ToString("N");

    public bool Triggered { get; set; }

    public bool? Success { get; set; }

    public string Message { get; set; } = "waiting";

    public string? CommandId { get; set; }

    public int StatusLooks { get; set; }
}
