package paperboy.mcp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The MCP server of a site: the SDK's streamable-HTTP transport (a servlet the web server mounts at
 * {@link #PATH}) and a synchronous server with {@link PaperTools}. The request's {@code
 * Authorization} header reaches the tools, which take a member's personal access token from it.
 * Browsers of other sites are refused (their Origin is not the site's). Close it before the web
 * server.
 */
public final class McpEndpoint implements AutoCloseable {
    /** Where the site serves MCP. */
    public static final String PATH = "/mcp";

    static final String AUTHORIZATION = "authorization";
    static final String CLIENT = "client";

    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;

    private McpEndpoint(
            HttpServletStreamableServerTransportProvider transport, McpSyncServer server) {
        this.transport = transport;
        this.server = server;
    }

    /**
     * The endpoint with these tools, for the site at {@code siteUrl}.
     *
     * @param siteUrl the site's public address: browsers may call from its origin only
     * @param version Paperboy's version, told to clients
     */
    public static McpEndpoint create(PaperTools tools, String siteUrl, String version) {
        McpJsonMapper json = new JacksonMcpJsonMapper(objectMapper());
        HttpServletStreamableServerTransportProvider transport =
                withDaemonThreads(
                        () ->
                                HttpServletStreamableServerTransportProvider.builder()
                                        .jsonMapper(json)
                                        .mcpEndpoint(PATH)
                                        .contextExtractor(
                                                request -> {
                                                    Map<String, Object> context = new HashMap<>();
                                                    String auth =
                                                            request.getHeader("Authorization");
                                                    if (auth != null) {
                                                        context.put(AUTHORIZATION, auth);
                                                    }
                                                    // the client as the connector sees it (a
                                                    // trusted proxy's X-Forwarded-For applied)
                                                    context.put(CLIENT, request.getRemoteAddr());
                                                    return McpTransportContext.create(context);
                                                })
                                        .httpHeaderValidator(
                                                DefaultServerTransportSecurityValidator.builder()
                                                        .allowedOrigins(List.of(origin(siteUrl)))
                                                        .build())
                                        .build());
        McpSyncServer server =
                McpServer.sync(transport)
                        .serverInfo("paperboy", version)
                        .instructions(
                                "Paperboy is a research-paper discovery service over arXiv papers:"
                                        + " search them (paper_search), read one (paper_get), list"
                                        + " a day's, week's or month's (papers_list), find similar"
                                        + " ones (papers_similar); with a member's personal access"
                                        + " token, read and add to their library.")
                        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                        .jsonMapper(json)
                        .jsonSchemaValidator(new DefaultJsonSchemaValidator(new ObjectMapper()))
                        .tools(tools.specifications(json))
                        .build();
        return new McpEndpoint(transport, server);
    }

    /** The servlet to mount at {@code /mcp/*}; it streams answers, so it needs async support. */
    public HttpServlet servlet() {
        return transport;
    }

    @Override
    public void close() {
        server.closeGracefully();
    }

    private static String origin(String siteUrl) {
        URI uri = URI.create(siteUrl);
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    /**
     * Builds under a Reactor factory whose single-thread schedulers are daemons: the SDK 2.1.0
     * transport starts a session sweeper on one that no close stops, which kept the JVM alive.
     */
    private static <T> T withDaemonThreads(Supplier<T> build) {
        Schedulers.Snapshot previous =
                Schedulers.setFactoryWithSnapshot(
                        new Schedulers.Factory() {
                            @Override
                            public Scheduler newSingle(ThreadFactory threads) {
                                return Schedulers.Factory.super.newSingle(
                                        r -> {
                                            Thread t = threads.newThread(r);
                                            t.setDaemon(true);
                                            return t;
                                        });
                            }
                        });
        try {
            return build.get();
        } finally {
            Schedulers.resetFrom(previous);
        }
    }

    /**
     * The MCP messages' mapper. Its McpError serializer keeps a refused HTTP request's answer to
     * the JSON-RPC error: the SDK otherwise writes the whole exception, stack trace included
     * (java-sdk issue 955), and no client ever sees a trace of ours.
     */
    private static ObjectMapper objectMapper() {
        SimpleModule module = new SimpleModule("mcp-error-envelope");
        module.addSerializer(
                new StdSerializer<>(McpError.class) {
                    @Override
                    public void serialize(McpError e, JsonGenerator g, SerializerProvider p)
                            throws IOException {
                        McpSchema.JSONRPCResponse.JSONRPCError error = e.getJsonRpcError();
                        g.writeStartObject();
                        g.writeStringField("jsonrpc", "2.0");
                        g.writeNullField("id");
                        g.writeObjectFieldStart("error");
                        g.writeNumberField(
                                "code",
                                error != null ? error.code() : McpSchema.ErrorCodes.INTERNAL_ERROR);
                        g.writeStringField(
                                "message", error != null ? error.message() : "Internal error");
                        g.writeEndObject();
                        g.writeEndObject();
                    }
                });
        return new ObjectMapper().registerModule(module);
    }
}
