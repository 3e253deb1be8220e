using System.Reflection;
using Crm.ClusterConnection;
using Crm.ClusterConnection.Resilience;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Serialization.Invocation;

namespace ClusterConnection.Tests.Resilience;

public sealed class RetryRejectedCallsTests
{
    [Fact]
    public async Task A_call_the_cluster_rejected_is_sent_again_until_it_is_answered()
    {
        var call = FakeCall.Answering(
            Response.FromException(new SiloUnavailableException("the silo is shutting down")),
            Response.FromException(new SiloUnavailableException("the gateway left")),
            Response.FromResult("answered"));

        await new RetryRejectedCalls(TimeProvider.System).Invoke(call.Context);

        Assert.Equal(3, call.Invocations);
        Assert.Equal("answered", call.Context.Response!.Result);
    }

    [Fact]
    public async Task A_call_whose_gateway_could_not_be_reached_is_sent_again()
    {
        // Orleans throws this from the call itself when the client cannot connect to the gateway it picked, which it
        // then marks dead; the next attempt picks another.
        var call = FakeCall.Answering(
            Response.FromException(new ConnectionFailedException("Unable to connect to S127.0.0.1:24667:0")),
            Response.FromResult("answered"));

        await new RetryRejectedCalls(TimeProvider.System).Invoke(call.Context);

        Assert.Equal(2, call.Invocations);
        Assert.Equal("answered", call.Context.Response!.Result);
    }

    [Fact]
    public async Task A_call_that_may_have_run_is_not_sent_again()
    {
        var call = FakeCall.Answering(Response.FromException(new TimeoutException("no answer in 10 s")), Response.FromResult("twice"));

        await new RetryRejectedCalls(TimeProvider.System).Invoke(call.Context);

        Assert.Equal(1, call.Invocations);
        Assert.IsType<TimeoutException>(call.Context.Response!.Exception);
    }

    [Fact]
    public async Task A_cluster_that_keeps_rejecting_gets_tries_for_longer_than_a_gateway_list_refresh_and_then_the_caller_the_rejection()
    {
        var rejections = Enumerable.Range(0, RetryRejectedCalls.MaxRetries + 5).Select(_ => Response.FromException(new SiloUnavailableException("rejected"))).ToArray();
        var call = FakeCall.Answering(rejections);
        var time = new FakeTimeProvider();

        var retrying = new RetryRejectedCalls(time).Invoke(call.Context);
        var waited = TimeSpan.Zero;
        while (!retrying.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            waited += TimeSpan.FromMilliseconds(10);
            // The retry's next delay is scheduled on the thread pool after each rejection; let it get there.
            await Task.Yield();
        }

        await Assert.ThrowsAnyAsync<OrleansMessageRejectionException>(() => retrying);
        Assert.Equal(RetryRejectedCalls.MaxRetries + 1, call.Invocations);
        Assert.True(waited > ClusterClientExtensions.GatewayListRefreshPeriod, $"the retries gave up after {waited}");
    }

    /// <summary>
    /// An outgoing call whose every Invoke() gets the next of the given responses. A ConnectionFailedException is
    /// thrown by Invoke() rather than answered, as Orleans does; other exceptions are answered, as rejections are.
    /// </summary>
    public class FakeCall : DispatchProxy
    {
        private Queue<Response> _responses = new();
        private Response? _response;

        public int Invocations { get; private set; }

        public IOutgoingGrainCallContext Context { get; private set; } = null!;

        public static FakeCall Answering(params Response[] responses)
        {
            var context = Create<IOutgoingGrainCallContext, FakeCall>();
            var call = (FakeCall)(object)context;
            call._responses = new Queue<Response>(responses);
            call.Context = context;
            return call;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            switch (targetMethod?.Name)
            {
                case nameof(IOutgoingGrainCallContext.Invoke):
                    Invocations++;
                    _response = _responses.Dequeue();
                    return _response.Exception is ConnectionFailedException thrown ? Task.FromException(thrown) : Task.CompletedTask;
                case "get_Response":
                    return _response;
                case "set_Response":
                    _response = (Response?)args![0];
                    return null;
                default:
                    throw new NotSupportedException(targetMethod?.Name);
            }
        }
    }
}
