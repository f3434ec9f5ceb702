using System.Security.Cryptography;

namespace Bastion.Fakes.WebOps.State;

/// <summary>
/// Everything the fake remembers: sessions, deployments with their logs and processes, scans and health figures. The
/// background processor is modelled by polls: each detail or service-status request advances a deployment's queued work
/// by one step, so tests see pending → building → running without waiting on a clock.
/// </summary>
public sealed class FakeStore(FakeWebOpsOptions options)
{
    private readonly List<FakeDeployment> _deployments = [];
    private readonly Dictionary<string, FakeSession> _sessions = new(StringComparer.Ordinal);
    private readonly List<string> _issuedSecrets = [];
    private int _nextId = 1;
    private int _nextLogId = 1;
    private int _nextPort = 8001;
    private int _nextPid = 4401;

    /// <summary>The one lock over all state.</summary>
    public Lock Gate { get; } = new();

    public FakeWebOpsOptions Options => options;

    public FakeHealth Health { get; } = new();

    public List<FakeScan> Scans { get; } = [];

    /// <summary>Every deployment, newest first (the model's ordering, <c>-created_at</c>).</summary>
    public IEnumerable<FakeDeployment> Deployments => _deployments.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id);

    /// <summary>Session ids, CSRF secrets and masked CSRF tokens handed out so far (for redaction checks).</summary>
    public IReadOnlyList<string> IssuedSecrets => _issuedSecrets;

    /// <summary>True: sessions are issued at login but never honoured (a misconfigured session store).</summary>
    public bool RefuseSessions { get; set; }

    public void Remember(string secret) => _issuedSecrets.Add(secret);

    public string NewSession(string user)
    {
        var id = RandomNumberGenerator.GetHexString(32, lowercase: true);
        _sessions[id] = new FakeSession(user, DateTimeOffset.UtcNow + options.SessionLifetime);
        Remember(id);
        return id;
    }

    /// <summary>The user of a live session; null when the id is unknown or expired.</summary>
    public string? SessionUser(string? id)
    {
        if (RefuseSessions || id is null || !_sessions.TryGetValue(id, out var session))
        {
            return null;
        }

        if (session.Expires <= DateTimeOffset.UtcNow)
        {
            _sessions.Remove(id);
            return null;
        }

        return session.User;
    }

    public void ExpireSessions() => _sessions.Clear();

    public FakeDeployment? Find(string user, string name) => _deployments.FirstOrDefault(d => d.Owner == user && d.Name == name);

    public FakeDeployment? Find(string user, int id) => _deployments.FirstOrDefault(d => d.Owner == user && d.Id == id);

    public bool NameTaken(string name) => _deployments.Any(d => d.Name == name);

    /// <summary>A new deployment in <c>pending</c>, with its deploy task queued.</summary>
    public FakeDeployment Create(string user, string name, string repoUrl, string branch, string domain, Dictionary<string, string> env, string status = "pending")
    {
        var now = DateTimeOffset.UtcNow;
        var deployment = new FakeDeployment
        {
            Id = _nextId++,
            Name = name,
            Owner = user,
            RepoUrl = repoUrl,
            Branch = branch,
            Domain = domain,
            ProjectType = DetectType(repoUrl),
            Port = _nextPort++,
            EnvVars = env,
            Status = status,
            CreatedAt = now,
            UpdatedAt = now,
            Work = status == "pending" ? PendingWork.Deploy : PendingWork.None,
        };
        if (status == "running")
        {
            deployment.Process = NewProcess();
        }

        _deployments.Add(deployment);
        Log(deployment, "info", "Deployment queued");
        return deployment;
    }

    public void Log(FakeDeployment deployment, string level, string message) =>
        deployment.Logs.Add(new FakeLogEntry(_nextLogId++, level, message, DateTimeOffset.UtcNow));

    public static void Queue(FakeDeployment deployment, PendingWork work)
    {
        deployment.Work = work;
        deployment.Countdown = 1;
    }

    /// <summary>One step of the deployment's queued work.</summary>
    public void Advance(FakeDeployment deployment)
    {
        if (options.AsRunAtCommit && deployment.Status == "failed" && !deployment.Revived && ++deployment.LooksSinceFailed >= 2)
        {
            deployment.Revived = true;
            Log(deployment, "info", "Retrying deployment");
            SetStatus(deployment, "building");
            deployment.Work = PendingWork.Build;
            deployment.Countdown = options.BuildPolls;
            return;
        }

        switch (deployment.Work)
        {
            case PendingWork.Deploy:
                SetStatus(deployment, "building");
                Log(deployment, "info", $"Cloning repository {deployment.RepoUrl} (branch {deployment.Branch})");
                deployment.Work = PendingWork.Build;
                deployment.Countdown = options.BuildPolls;
                break;
            case PendingWork.Build:
                deployment.Countdown--;
                if (deployment.Countdown > 0)
                {
                    Log(deployment, "info", deployment.Countdown % 2 == 0 ? "Installing dependencies" : "Collecting static files");
                    break;
                }

                deployment.Work = PendingWork.None;
                if (deployment.RepoUrl.Contains(options.FailingRepositoryMarker, StringComparison.Ordinal))
                {
                    Log(deployment, "error", "Build failed: requirements.txt not found in repository");
                    if (!options.AsRunAtCommit)
                    {
                        SetStatus(deployment, "failed"); // at the commit the record stays building
                    }
                }
                else if (options.AsRunAtCommit)
                {
                    Log(deployment, "success", "Dependencies installed");
                    SetStatus(deployment, "pending"); // the service step needs root; the record falls back to pending
                }
                else
                {
                    deployment.Process = NewProcess();
                    Log(deployment, "warning", "DEBUG is on in .env; turn it off for production");
                    Log(deployment, "success", $"Deployment successful, listening on port {deployment.Port}");
                    SetStatus(deployment, "running");
                }

                break;
            case PendingWork.Stop:
                deployment.Work = PendingWork.None;
                deployment.Process = null;
                Log(deployment, "info", "Service stopped");
                SetStatus(deployment, "stopped");
                break;
            case PendingWork.Restart:
                deployment.Work = PendingWork.None;
                deployment.Process = NewProcess();
                deployment.RestartCount++;
                Log(deployment, "success", "Service restarted");
                SetStatus(deployment, "running");
                break;
            case PendingWork.Delete:
                _deployments.Remove(deployment);
                break;
        }
    }

    public static void SetStatus(FakeDeployment deployment, string status)
    {
        deployment.Status = status;
        deployment.UpdatedAt = DateTimeOffset.UtcNow;
    }

    private FakeProcess NewProcess() => new(_nextPid++, 181.5, 2.1, DateTimeOffset.UtcNow);

    private static string DetectType(string repoUrl) =>
        repoUrl.Contains("node", StringComparison.OrdinalIgnoreCase) ? "nodejs"
        : repoUrl.Contains("static", StringComparison.OrdinalIgnoreCase) ? "static"
        : "django";
}
