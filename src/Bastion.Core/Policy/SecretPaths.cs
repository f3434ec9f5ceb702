namespace Bastion.Core.Policy;

/// <summary>
/// The one catalogue of secret paths: files no tool reads or lists in any mode (password hashes, private keys, credentials
/// of cloud and database clients, other processes' memory and environment), and files that never end or hang (devices,
/// the kernel log pipe). An ordered list, first match wins, matched without regard to case. <see cref="PathGuard"/> adds
/// Bastion's own data directory and process, and turns the list into the shell <c>case</c> that hosts run, so that the C#
/// check and the host check never disagree.
/// </summary>
/// <remarks>
/// <c>/proc/&lt;pid&gt;/</c> is deny-by-default: a process directory, its <c>task</c> list and the fields in
/// <see cref="ProcessFields"/> are harmless (what ps, top and ss show); everything else under it (environ, mem, maps,
/// smaps, pagemap, auxv, syscall, stack, fd, fdinfo, map_files, root, cwd, exe, …) is refused. Public certificate
/// stores are exceptions to <c>*.pem</c> only: private-key names and content still win there.
/// </remarks>
internal static class SecretPaths
{
    /// <summary>Fields of <c>/proc/&lt;pid&gt;/</c> (and of <c>task/&lt;tid&gt;/</c>) that any tool may read.</summary>
    public static readonly IReadOnlyList<string> ProcessFields =
    [
        "stat", "statm", "status", "cmdline", "comm", "io", "limits", "cgroup", "oom_score", "oom_adj", "oom_score_adj", "sched",
        "schedstat", "wchan", "loginuid", "sessionid", "mounts", "mountinfo", "mountstats", "uid_map", "gid_map", "cpuset", "net",
        "net/*",
    ];

    private const string Passwords = "password hashes";
    private const string PrivateKey = "a private key";
    private const string Credentials = "credentials";
    private const string ProcessMemory = "another process's memory, environment or open files";
    private const string KernelMemory = "kernel memory";

    /// <summary>The catalogue, in order; first match wins.</summary>
    public static readonly IReadOnlyList<SecretRule> Rules = Build();

    /// <summary>The secret patterns alone, for messages and docs.</summary>
    public static readonly IReadOnlyList<string> Patterns = [.. Rules.Where(r => r.Secret).Select(r => r.Pattern)];

    /// <summary>Files that never end, block, or read raw devices and kernel memory.</summary>
    public static readonly IReadOnlyList<string> EndlessPatterns = ["/dev/*", "/proc/kmsg", "/proc/kcore", "*/trace_pipe*"];

    private static readonly GlobWord[] Globs = [.. Rules.Select(r => GlobWord.Simple(r.Pattern))];
    private static readonly GlobWord[] Endless = [.. EndlessPatterns.Select(GlobWord.Simple)];

    /// <summary>The secret pattern a path-like part of <paramref name="arg"/> matches (lexically), or null.</summary>
    public static string? SecretIn(string arg)
    {
        foreach (var form in ArgPaths.PathForms(arg))
        {
            if (Match(ProcessForm(form), Rules, Globs) is { Secret: true } rule)
            {
                return rule.Pattern;
            }
        }

        return null;
    }

    /// <summary>The endless-file pattern a path-like part of <paramref name="arg"/> matches, or null (/dev/null is fine).</summary>
    public static string? EndlessIn(string arg)
    {
        if (ArgPaths.Normalize(arg) == "/dev/null")
        {
            return null;
        }

        foreach (var form in ArgPaths.PathForms(arg))
        {
            for (var k = 0; k < Endless.Length; k++)
            {
                if (Endless[k].Matches(form, ignoreCase: true))
                {
                    return EndlessPatterns[k];
                }
            }
        }

        return null;
    }

    /// <summary>The first rule of <paramref name="rules"/> that <paramref name="form"/> (already in process form) matches, or null.</summary>
    internal static SecretRule? Match(string form, IReadOnlyList<SecretRule> rules, IReadOnlyList<GlobWord> globs, bool ignoreCase = true)
    {
        for (var k = 0; k < rules.Count; k++)
        {
            if (globs[k].Matches(form, ignoreCase))
            {
                return rules[k];
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="path"/> with the process id after <c>/proc/</c> (digits, <c>self</c> or <c>thread-self</c>) and the
    /// thread id after <c>/proc/&lt;pid&gt;/task/</c> written as <c>&lt;pid&gt;</c>, as the catalogue's patterns expect.
    /// The host script does the same (see <see cref="PathGuard"/>).
    /// </summary>
    public static string ProcessForm(string path)
    {
        const string Proc = "/proc/";
        const string Token = "<pid>";
        if (!path.StartsWith(Proc, StringComparison.Ordinal))
        {
            return path;
        }

        var rest = path[Proc.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var id = slash < 0 ? rest : rest[..slash];
        if (id is not ("self" or "thread-self") && !IsNumber(id))
        {
            return path;
        }

        var form = Proc + Token + (slash < 0 ? string.Empty : rest[slash..]);
        const string Task = "/proc/<pid>/task/";
        if (form.StartsWith(Task, StringComparison.Ordinal))
        {
            var tail = form[Task.Length..];
            var end = tail.IndexOf('/', StringComparison.Ordinal);
            var tid = end < 0 ? tail : tail[..end];
            if (IsNumber(tid))
            {
                form = Task + Token + (end < 0 ? string.Empty : tail[end..]);
            }
        }

        return form;
    }

    private static bool IsNumber(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    private static List<SecretRule> Build()
    {
        var rules = new List<SecretRule>();
        void Harmless(string kind, params string[] patterns) => rules.AddRange(patterns.Select(p => new SecretRule(p, false, kind)));
        void Secret(string kind, params string[] patterns) => rules.AddRange(patterns.Select(p => new SecretRule(p, true, kind)));

        // Processes: deny by default beyond the fields ps, top and ss read.
        Harmless("process fields", "/proc/<pid>", "/proc/<pid>/task", "/proc/<pid>/task/<pid>");
        Harmless("process fields", [.. ProcessFields.Select(f => "/proc/<pid>/" + f), .. ProcessFields.Select(f => "/proc/<pid>/task/<pid>/" + f)]);
        Secret(ProcessMemory, "/proc/<pid>/*");
        Secret(KernelMemory, "/proc/kcore", "/proc/kmsg", "/dev/mem", "/dev/kmem", "/dev/port", "/sys/kernel/debug/*");

        Secret(Passwords, "*/etc/shadow*", "*/etc/gshadow*", "/var/backups/*shadow*", "*/etc/security/opasswd", "*/etc/sudoers", "*/etc/sudoers.d/*", "/var/log/btmp*");
        Secret(PrivateKey, "*/etc/ssh/*_key", "*/.ssh", "*/.ssh/*", "/root/*");
        Secret(
            PrivateKey,
            "*.key", "*.p12", "*.pfx", "*.jks", "*.keystore", "*.keytab", "*.kdbx", "*.ppk", "*privkey*", "*id_rsa*", "*id_dsa*", "*id_ed25519*", "*id_ecdsa*",
            "*/etc/ssl/private", "*/etc/ssl/private/*", "*/etc/pki/tls/private/*", "*/etc/letsencrypt/keys/*", "*/etc/letsencrypt/accounts/*",
            "*/etc/ipsec.secrets", "*/etc/ipsec.d/private/*", "*/etc/ppp/*secrets", "*/etc/wireguard/*", "*/etc/NetworkManager/system-connections/*",
            "*/etc/wpa_supplicant/*.conf", "*/etc/kubernetes/*.conf", "*/etc/kubernetes/pki/*", "*/var/lib/kubelet/pki/*", "*/etc/rancher/k3s/k3s.yaml",
            "*/var/lib/rancher/k3s/server/token", "/run/secrets/*", "/var/run/secrets/*");
        Secret(
            Credentials,
            "*/etc/mysql/debian.cnf", "*/.aws/credentials", "*/.aws/cli/cache/*", "*/.aws/sso/cache/*", "*/.config/gcloud/*", "*/.azure/*", "*/.oci/*",
            "*/.config/doctl/*", "*/.config/hcloud/*", "*/.terraform.d/credentials.tfrc.json", "*/.netrc", "*/_netrc", "*/.pgpass", "*/.my.cnf",
            "*/.mylogin.cnf", "*/.git-credentials", "*/.config/git/credentials", "*/.vault-token", "*/.docker/config.json", "*/.kube/config*",
            "*/.gnupg/*", "*/.password-store/*", "*/.local/share/keyrings/*", "*/.config/gh/hosts.yml", "*/.npmrc", "*/.pypirc",
            "*/.composer/auth.json", "*/.config/composer/auth.json", "*/.s3cfg", "*/.boto", "*/.config/rclone/rclone.conf", "*/.smbcredentials",
            "*/.env", "*/.env.*", "*/.*_history");

        // Certificates are public: the stores below lift *.pem only (private-key names above and key content still win).
        Harmless(
            "public certificates",
            "/etc/ssl/certs/*", "/usr/share/ca-certificates/*", "/usr/local/share/ca-certificates/*", "/etc/ca-certificates/*", "/etc/pki/ca-trust/*",
            "/etc/pki/tls/certs/*", "/etc/letsencrypt/archive/*/cert*.pem", "/etc/letsencrypt/archive/*/chain*.pem", "/etc/letsencrypt/archive/*/fullchain*.pem");
        Secret(PrivateKey, "*.pem");
        return rules;
    }
}
