using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Crm.Webhooks.Signing;

namespace Crm.Webhooks.Delivery;

/// <summary>One signed POST of one event to one webhook.</summary>
/// <param name="Body">The JSON the receiver gets, exactly as signed.</param>
public sealed record WebhookMessage(Uri Url, string Secret, string EventId, string EventType, string Body);

/// <summary>How one delivery went, after the sender's quick retries.</summary>
/// <param name="StatusCode">The receiver's last answer; null when none came (refused, timed out).</param>
public sealed record WebhookOutcome(int? StatusCode, TimeSpan Duration, string? Error)
{
    public bool Delivered => StatusCode is >= 200 and < 300;
}

/// <summary>
/// Posts signed events. Its HttpClient (see <see cref="WebhookSenderRegistration"/>) retries transient failures a
/// few times within the call; the caller keeps the durable retry schedule across calls. A receiver answering 2xx has
/// the event; anything else, or no answer, is a failure to try again later.
/// </summary>
public sealed class WebhookSender(HttpClient http, TimeProvider time)
{
    /// <summary>How much of a failing receiver's answer the delivery log keeps.</summary>
    private const int ErrorTextLength = 200;

    public async Task<WebhookOutcome> SendAsync(WebhookMessage message, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Url)
        {
            Content = new StringContent(message.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Header(message.Secret, time.GetUtcNow(), message.Body));
        request.Headers.Add(WebhookSignature.EventIdHeader, message.EventId);
        request.Headers.Add(WebhookSignature.EventTypeHeader, message.EventType);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Crm.Saas-Webhooks", "1"));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            var error = response.IsSuccessStatusCode ? null : $"The receiver answered {status} {response.ReasonPhrase}.";
            return new WebhookOutcome(status, Stopwatch.GetElapsedTime(started), error);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var text = e.Message.Length > ErrorTextLength ? e.Message[..ErrorTextLength] : e.Message;
            return new WebhookOutcome(null, Stopwatch.GetElapsedTime(started), $"{e.GetType().Name}: {text}");
        }
    }
}
