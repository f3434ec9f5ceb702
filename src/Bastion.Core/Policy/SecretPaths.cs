namespace Bastion.Core.Policy;

/// <summary>
/// Files a read-only command never reads: secrets (password hashes, private keys, credentials, other processes'
/// environments) and files that never end or hang (devices, the kernel log pipe). Matched without regard to case, on both
/// the lexical and the collapsed form of every path-like argument.
/// </summary>
internal static class SecretPaths
{
    /// <summary>The secret-path patterns, for messages and docs.</summary>
    public static readonly IReadOnlyList<string> Patterns =
    [
        "/etc/shadow", "/etc/shadow-", "/etc/gshadow", "/etc/gshadow-", "/etc/security/opasswd",
        "/etc/sudoers", "/etc/sudoers.d/*", "/etc/ssh/ssh_host_*_key", "/etc/ssl/private/*", "/etc/ipsec.secrets",
        "/etc/wireguard/*", "/var/log/btmp*", "/etc/NetworkManager/system-connections/*", "/etc/mysql/debian.cnf",
        "*/.ssh/*", "/root/*", "/proc/*/environ", "/proc/*/mem", "/proc/*/root/*", "/proc/*/cwd/*", "/proc/*/fd/*",
        "/proc/*/map_files/*", "*.key", "*.p12", "*.pfx", "*.keytab", "*.kdbx", "*privkey*", "*id_rsa*", "*id_dsa*",
        "*id_ed25519*", "*id_ecdsa*", "*/.aws/credentials", "*/.netrc", "*/.pgpass", "*/.my.cnf", "*/.git-credentials",
        "*/.vault-token", "*/.docker/config.json", "*/.kube/config", "*/.gnupg/*", "*/.env", "*/.env.*", "*/.*_history",
    ];

    /// <summary>Files that never end, block, or read raw devices and kernel memory.</summary>
    public static readonly IReadOnlyList<string> EndlessPatterns = ["/dev/*", "/proc/kmsg", "/proc/kcore", "*/trace_pipe*"];

    private static readonly GlobWord[] Secrets = [.. Patterns.Select(GlobWord.Simple)];
    private static readonly GlobWord[] Endless = [.. EndlessPatterns.Select(GlobWord.Simple)];

    /// <summary>The secret pattern a path-like part of <paramref name="arg"/> matches, or null.</summary>
    public static string? SecretIn(string arg) => FirstMatch(arg, Secrets, Patterns);

    /// <summary>The endless-file pattern a path-like part of <paramref name="arg"/> matches, or null (/dev/null is fine).</summary>
    public static string? EndlessIn(string arg) =>
        ArgPaths.Normalize(arg) == "/dev/null" ? null : FirstMatch(arg, Endless, EndlessPatterns);

    private static string? FirstMatch(string arg, GlobWord[] globs, IReadOnlyList<string> texts)
    {
        foreach (var form in ArgPaths.PathForms(arg))
        {
            for (var k = 0; k < globs.Length; k++)
            {
                if (globs[k].Matches(form, ignoreCase: true))
                {
                    return texts[k];
                }
            }
        }

        return null;
    }
}
