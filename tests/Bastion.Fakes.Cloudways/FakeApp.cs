namespace Bastion.Fakes.Cloudways;

/// <summary>An application on a fake server, with its credentials.</summary>
public sealed class FakeApp
{
    public required long Id { get; init; }

    public required string Label { get; init; }

    public string Application { get; init; } = "wordpress";

    public string Version { get; init; } = "6.4";

    public required string SysUser { get; init; }

    /// <summary>The SFTP password <c>/app/creds</c> returns.</summary>
    public required string SysPassword { get; init; }

    public long ProjectId { get; init; }

    public string Cname { get; init; } = string.Empty;
}
