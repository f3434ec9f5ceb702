using System.Globalization;
using Bastion.Core;
using Bastion.Core.Progress;
using Bastion.Providers.WebOps.Api;
using Bastion.Providers.WebOps.Logs;

namespace Bastion.Providers.WebOps.Deployments;

/// <summary>
/// The deployments of the caller's WebOps: listing them with filters WebOps cannot apply itself, deploying an app and
/// following its build, deleting one and following its removal. WebOps gives no job handle or completion signal, so
/// following means reading the deployment again every <see cref="WebOpsOptions.PollInterval"/> (paced to half the
/// panel's request budget, <see cref="PollPacer"/>) until it settles or is gone. Sources: WebOps GET /api/deployments/ (paged), GET /api/deployments/{name}/, POST /api/deployments/create/,
/// DELETE /api/deployments/{name}/delete/, GET /api/deployments/{name}/logs/.
/// </summary>
internal sealed class WebOpsDeployments(WebOpsClient client, WebOpsOptions options, TimeProvider clock)
{
    /// <summary>Most deployments examined one by one for the environment filter (one request each).</summary>
    private const int MaxEnvironmentLookups = 200;

    /// <summary>Log entries returned with a deploy's outcome.</summary>
    private const int RecentLogs = 20;

    /// <summary>
    /// The deployments that match, newest first, at most <paramref name="limit"/>. <paramref name="status"/> is WebOps's
    /// own filter; <paramref name="nameContains"/> and <paramref name="environment"/> are applied here, the environment
    /// at the cost of one detail request per deployment examined (at most 200).
    /// </summary>
    /// <returns>The total that matched as far as Bastion could tell, the deployments, whether more exist, and notes on
    /// what was examined.</returns>
    /// <exception cref="PlatformException">WebOps refused the listing.</exception>
    public async Task<DeploymentList> ListAsync(DeploymentState? status, string? nameContains, DeployEnvironment? environment, int limit, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var matched = new List<Deployment>();
        var clientSide = nameContains is not null || environment is not null;
        var wanted = environment?.ToString().ToLowerInvariant();
        var (scanned, lookups, webOpsTotal, examinedAll, capped) = (0, 0, 0, true, false);
        var pages = PlatformPaging.PagesAsync<Deployment>(
            async (cursor, ct) =>
            {
                var page = cursor is null ? 1 : int.Parse(cursor, CultureInfo.InvariantCulture);
                var (items, total, count) = await client.ListPageAsync(page, options.PageSize, status?.ToString().ToLowerInvariant(), ct);
                return new PlatformPage<Deployment>(items, page < count ? (page + 1).ToString(CultureInfo.InvariantCulture) : null, total);
            },
            int.MaxValue,
            null,
            cancellationToken);
        await foreach (var page in pages)
        {
            webOpsTotal = page.Total ?? 0;
            foreach (var deployment in page.Items)
            {
                // Without filters of its own Bastion needs no more than limit (WebOps counts the total); with the
                // environment filter each candidate costs a request, so it stops at limit matches too.
                if ((!clientSide || wanted is not null) && matched.Count >= limit)
                {
                    examinedAll = false;
                    break;
                }

                scanned++;
                if (nameContains is not null && !deployment.Name.Contains(nameContains, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (wanted is not null)
                {
                    if (lookups >= MaxEnvironmentLookups)
                    {
                        (examinedAll, capped) = (false, true);
                        break;
                    }

                    lookups++;
                    var (_, env) = await client.GetAsync(deployment.Name, cancellationToken);
                    if (!string.Equals(env.GetValueOrDefault("ENVIRONMENT"), wanted, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }
                }

                matched.Add(deployment);
            }

            if (!examinedAll || page.Next is null)
            {
                break;
            }

            if (scanned >= options.Http.MaxItems)
            {
                (examinedAll, capped) = (false, true);
                break;
            }
        }

        if (capped)
        {
            notes.Add($"Only the newest {scanned} deployments were examined ({lookups} of them one by one); older ones may match too.");
        }

        if (wanted is not null)
        {
            notes.Add($"environment is not a WebOps field: matched against each deployment's ENVIRONMENT variable ({lookups} detail request{(lookups == 1 ? string.Empty : "s")}).");
        }

        var matchedTotal = clientSide ? matched.Count : webOpsTotal;
        if (clientSide && !examinedAll)
        {
            notes.Add($"Stopped looking after {matched.Count} matches; total counts only those, more may exist.");
        }

        var shown = matched.Take(limit).ToList();
        if (Bastion.Core.Limits.CutNote(shown.Count, matchedTotal, "deployments") is { } cut)
        {
            notes.Add(cut);
        }

        return new DeploymentList(matchedTotal, shown, shown.Count < matchedTotal || (clientSide && !examinedAll), notes);
    }

    /// <summary>
    /// Creates the deployment <paramref name="request"/> describes and, when <paramref name="wait"/>, follows the build
    /// until the app runs, the build fails or <paramref name="timeoutSeconds"/> pass.
    /// </summary>
    /// <returns>The deployment as last seen, the outcome (<c>running</c>, <c>failed</c>, <c>pending</c> — built, then put
    /// back to pending with no app —, <c>in_progress</c>, <c>queued</c> or <c>unknown</c>), the seconds waited, the newest log entries and notes.</returns>
    /// <exception cref="BastionException">An environment variable has no value, or ENVIRONMENT is given twice differently.</exception>
    /// <exception cref="PlatformException">WebOps refused the deployment (e.g. the name is taken).</exception>
    public async Task<DeployResult> DeployAsync(DeployRequest request, bool wait, int timeoutSeconds, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (name, repository, branch, environment, domain, envVars) = request;
        if (envVars?.FirstOrDefault(v => v.Value is null) is { Key: { } unset })
        {
            throw new BastionException($"env_vars.{unset} has no value; give every variable a string (\"\" for empty).");
        }

        var env = envVars is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(envVars, StringComparer.Ordinal);
        if (environment is { } target)
        {
            var value = target.ToString().ToLowerInvariant();
            if (env.TryGetValue("ENVIRONMENT", out var given) && given != value)
            {
                throw new BastionException($"env_vars sets ENVIRONMENT={given} and environment is {value}; give one of them.");
            }

            env["ENVIRONMENT"] = value;
        }

        var notes = new List<string>();
        var created = await client.CreateAsync(name, repository, branch, domain, env, cancellationToken);
        var deployment = created;
        var outcome = "queued";
        var started = clock.GetTimestamp();
        if (wait)
        {
            var timeout = TimeSpan.FromSeconds(timeoutSeconds);
            var pacer = new PollPacer(options, clock);
            Deployment? last = null;
            var built = false;
            try
            {
                deployment = await OperationPoller.PollAsync(
                    WebOpsClient.Platform,
                    $"deployment {name}",
                    async token =>
                    {
                        await pacer.WaitTurnAsync(timeout - clock.GetElapsedTime(started), token);
                        var (now, _) = await client.GetAsync(name, token);
                        last = now;
                        built |= now.Status == "building";
                        var ended = now.Settled || (built && now.Status == "pending");
                        return new PollState<Deployment>(ended || clock.GetElapsedTime(started) >= timeout, now, now.Status);
                    },
                    options.PollInterval,
                    timeout + (2 * options.PollInterval) + TimeSpan.FromSeconds(1),
                    progress,
                    clock,
                    cancellationToken);
                outcome = deployment.Settled ? deployment.Status : built && deployment.Status == "pending" ? "pending" : "in_progress";
            }
            catch (PlatformException e)
            {
                // Show what was last seen, not the create call's placeholder.
                deployment = last ?? created;
                outcome = "unknown";
                notes.Add($"WebOps queued the deployment (id {created.Id}), but following it failed: {e.Message} It was last seen {deployment.Status}; look again with webops_deployment resource=status.");
            }
        }

        var waited = Math.Round(clock.GetElapsedTime(started).TotalSeconds, 1);
        IReadOnlyList<LogEntry> logs = [];
        try
        {
            logs = (await client.LogsAsync(name, cancellationToken)).TakeLast(RecentLogs).ToList();
        }
        catch (PlatformException e)
        {
            notes.Add($"Logs unavailable: {e.Message}");
        }

        var errors = logs.Count(l => l.Level is "error" or "critical");
        notes.Add(outcome switch
        {
            "running" => $"Deployed: WebOps runs {name}{(deployment.Port is { } port ? $" on port {port}" : string.Empty)}. Check its process with webops_deployment resource=status.",
            "failed" => "The build failed; the error entries in recent_logs say why. WebOps's worker may retry it (at 06ba752 task retries revive failed deployments), so look again with webops_deployment resource=status before acting. Names stay taken: delete this deployment with webops_deployment_control action=delete before deploying again under the same name.",
            "pending" => "The build ran and WebOps put the record back to pending with no app running (at 06ba752 this is how a build ends when WebOps's worker runs without root and cannot install the service). The app is not deployed; recent_logs show how far the build got.",
            "in_progress" when errors > 0 => $"Still {deployment.Status} after {waited:0} s, but recent_logs hold {errors} error entr{(errors == 1 ? "y" : "ies")}: at 06ba752 a failed dependency install leaves the record {deployment.Status} for good, so read the errors before waiting longer.",
            "in_progress" => $"Still {deployment.Status} after {waited:0} s; the build goes on. Follow it with webops_deployment resource=status.",
            "queued" => "Queued; WebOps builds it in the background. Follow it with webops_deployment resource=status.",
            _ => $"WebOps reports the deployment as {deployment.Status}.",
        });
        return new DeployResult(deployment, outcome, waited, logs, notes);
    }

    /// <summary>
    /// Deletes the deployment <paramref name="name"/> and, when <paramref name="wait"/>, reads it again until WebOps
    /// answers 404 or <paramref name="timeoutSeconds"/> pass.
    /// </summary>
    /// <returns>WebOps's message, whether the deployment is seen gone, and notes.</returns>
    /// <exception cref="PlatformException">WebOps refused the deletion (e.g. no such deployment).</exception>
    public async Task<DeleteResult> DeleteAsync(string name, bool wait, int timeoutSeconds, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var message = await client.DeleteAsync(name, cancellationToken);
        var notes = new List<string>();
        var gone = false;
        if (wait)
        {
            var started = clock.GetTimestamp();
            var timeout = TimeSpan.FromSeconds(timeoutSeconds);
            var pacer = new PollPacer(options, clock);
            try
            {
                gone = await OperationPoller.PollAsync(
                    WebOpsClient.Platform,
                    $"deletion of {name}",
                    async token =>
                    {
                        await pacer.WaitTurnAsync(timeout - clock.GetElapsedTime(started), token);
                        try
                        {
                            var (now, _) = await client.GetAsync(name, token);
                            return new PollState<bool>(clock.GetElapsedTime(started) >= timeout, false, $"still there ({now.Status})");
                        }
                        catch (PlatformException e) when (e.Status == 404)
                        {
                            return new PollState<bool>(true, true, "gone");
                        }
                    },
                    options.PollInterval,
                    timeout + (2 * options.PollInterval) + TimeSpan.FromSeconds(1),
                    progress,
                    clock,
                    cancellationToken);
            }
            catch (PlatformException e)
            {
                notes.Add($"WebOps queued the deletion, but following it failed: {e.Message}");
            }

            if (!gone && notes.Count == 0)
            {
                notes.Add($"WebOps still lists {name} after {timeoutSeconds} s: it accepted the deletion but has not carried it out (at the commit Bastion targets, WebOps's delete task fails and never completes); check the deployment in WebOps before deleting again.");
            }
        }
        else
        {
            notes.Add("Queued; WebOps deletes it in the background.");
        }

        return new DeleteResult(name, message, gone, notes);
    }
}
