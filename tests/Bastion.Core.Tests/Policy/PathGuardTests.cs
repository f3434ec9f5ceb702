using Bastion.Core.Execution;
using Bastion.Core.Policy;

namespace Bastion.Core.Tests.Policy;

/// <summary>The secret-path catalogue: what it calls secret, and that the host's shell and C# judge every path alike.</summary>
public sealed class PathGuardTests
{
    private const string Data = "/srv/bastion-data";
    private readonly PathGuard _guard = new(Data, null);

    /// <summary>Paths that must be refused, by class (shadow files, keys, credentials, /proc, Bastion's data directory).</summary>
    private static readonly string[] SecretList =
    [
        "/etc/shadow", "/etc/shadow-", "/etc/gshadow", "/etc/gshadow-", "/etc/shadow.bak", "/var/backups/shadow.bak",
        "/var/lib/docker/overlay2/abc/merged/etc/shadow", "/etc/ssh/ssh_host_ed25519_key", "/etc/ssh/ssh_host_rsa_key",
        "/home/ann/.ssh/id_ed25519", "/home/ann/.ssh/authorized_keys", "/root/.ssh/authorized_keys", "/home/ann/.ssh",
        "/srv/tls/site.pem", "/srv/tls/site.key", "/etc/ssl/private/ssl-cert-snakeoil.key", "/etc/letsencrypt/archive/x/privkey1.pem",
        "/home/ann/.aws/credentials", "/home/ann/.config/gcloud/application_default_credentials.json", "/home/ann/.azure/msal_token_cache.json",
        "/home/ann/.netrc", "/var/lib/postgresql/.pgpass", "/root/.my.cnf", "/home/ann/.kube/config", "/home/ann/.docker/config.json",
        "/home/ann/.vault-token", "/run/secrets/kubernetes.io/serviceaccount/token",
        "/proc/1/environ", "/proc/1/mem", "/proc/1/maps", "/proc/1/smaps", "/proc/1/pagemap", "/proc/1/auxv", "/proc/1/syscall",
        "/proc/1/stack", "/proc/1/map_files/55d0-55d1", "/proc/1/fd", "/proc/1/fd/3", "/proc/1/fdinfo/3", "/proc/1/root", "/proc/1/cwd",
        "/proc/1/exe", "/proc/self/environ", "/proc/thread-self/mem", "/proc/1/task/7/environ", "/proc/1/task/7/fd/0", "/proc/kcore",
        Data, Data + "/vault.key", Data + "/vault.key.bak", Data + "/tenants/acme/vault.key", Data + "/audit/audit-1.jsonl",
    ];

    /// <summary>Paths that stay readable: ordinary files, the harmless /proc fields, public certificates.</summary>
    private static readonly string[] HarmlessPaths =
    [
        "/etc/passwd", "/etc/hosts", "/var/log/syslog", "/etc/ssh/sshd_config", "/etc/ssh/ssh_host_ed25519_key.pub",
        "/etc/ssl/certs/ssl-cert-snakeoil.pem", "/etc/ssl/certs/ca-certificates.crt", "/etc/letsencrypt/archive/x/fullchain1.pem",
        "/proc/1", "/proc/1/status", "/proc/1/stat", "/proc/1/cmdline", "/proc/1/io", "/proc/1/limits", "/proc/1/net/tcp",
        "/proc/1/task", "/proc/1/task/7", "/proc/1/task/7/status", "/proc/self/status", "/proc/meminfo", "/proc/cpuinfo",
        "/proc/loadavg", "/srv/bastion-database/x", "/proc/12abc/environ",
    ];

    public static readonly TheoryData<string> Secrets = new(SecretList);

    public static readonly TheoryData<string> Harmless = new(HarmlessPaths);

    [Theory]
    [MemberData(nameof(Secrets))]
    public void Judge_RefusesSecrets_ByClass(string path) => _guard.Judge(path).ShouldNotBeNull(path);

    [Theory]
    [MemberData(nameof(Harmless))]
    public void Judge_LeavesHarmlessPaths(string path) => _guard.Judge(path).ShouldBeNull(path);

    [Fact]
    public void Judge_RefusesEveryFieldOfBastionsOwnProcess_EvenHarmlessOnes()
    {
        var own = new PathGuard(Data, Environment.ProcessId);
        own.Judge($"/proc/{Environment.ProcessId}/status").ShouldNotBeNull();
        own.Judge($"/proc/{Environment.ProcessId}").ShouldNotBeNull();
        own.Judge("/proc/1/status").ShouldBeNull();
    }

    [Fact]
    public async Task Prelude_JudgesEveryPathAsTheCatalogueDoes_OnTheHost()
    {
        // The shell case is generated from the same list: both must agree on every path of both corpora.
        var paths = SecretList.Concat(HarmlessPaths).Concat(["/ETC/SHADOW", "/home/A/.SSH/x", "/srv/\"$(id)`x`\\/a.key"]).ToList();
        var runner = new LocalRunner();
        var script = _guard.Prelude(runner) + "for p; do if bg_rule \"$p\"; then echo 1; else echo 0; fi; done";
        var result = await runner.RunAsync(CommandRequest.Shell(script, paths), CancellationToken.None);
        result.ExitCode.ShouldBe(0, result.Stderr);
        var shell = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        shell.Length.ShouldBe(paths.Count);
        for (var i = 0; i < paths.Count; i++)
        {
            (shell[i] == "1").ShouldBe(_guard.Judge(paths[i]) is not null, paths[i]);
        }
    }

    [Fact]
    public async Task Prelude_QuotesADataDirectoryWithShellCharacters()
    {
        var guard = new PathGuard("/srv/we\"ird $(id) `x` \\ dir*", null);
        var runner = new LocalRunner();
        var script = guard.Prelude(runner) + "for p; do if bg_rule \"$p\"; then echo 1; else echo 0; fi; done";
        string[] paths = ["/srv/we\"ird $(id) `x` \\ dir*/vault.key", "/srv/we\"ird $(id) `x` \\ dir*", "/srv/weird", "/srv/we\"ird $(id) `x` \\ dirt/x"];
        var result = await runner.RunAsync(CommandRequest.Shell(script, paths), CancellationToken.None);
        result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(paths.Select(p => guard.Judge(p) is null ? "0" : "1").ToArray());
        result.Stdout.ShouldStartWith("1\n1\n0\n");
    }

    [Theory]
    [InlineData("/proc/1/environ", "/proc/<pid>/environ")]
    [InlineData("/proc/self/task/12/fd/3", "/proc/<pid>/task/<pid>/fd/3")]
    [InlineData("/proc/thread-self", "/proc/<pid>")]
    [InlineData("/proc/sys/kernel/hostname", "/proc/sys/kernel/hostname")]
    [InlineData("/etc/passwd", "/etc/passwd")]
    public void ProcessForm_WritesIdsAsPid(string path, string form) => SecretPaths.ProcessForm(path).ShouldBe(form);

    [Fact]
    public void CheckLocal_ResolvesSymbolicLinks_BeforeJudging()
    {
        var dir = Directory.CreateTempSubdirectory("bastion-guard-").FullName;
        try
        {
            var link = Path.Combine(dir, "innocent.txt");
            File.CreateSymbolicLink(link, "/etc/shadow");
            var e = Should.Throw<BastionException>(() => _guard.CheckLocal(link, "source"));
            e.Message.ShouldContain("resolves to '/etc/shadow'");
            _guard.CheckLocal(Path.Combine(dir, "new.txt"), "destination").ShouldBe(Path.Combine(dir, "new.txt"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
