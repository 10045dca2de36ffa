package paperboy.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import paperboy.community.AccessTokens;
import paperboy.testing.SiteFixture;

/**
 * Assistants as clients (issue 16, part 6): the official MCP Java SDK's own client, over streamable
 * HTTP, against the running site at /mcp. It lists the tools, each with a JSON schema, and calls
 * each; bad arguments are MCP tool errors with what is wrong, never a 500 or a trace; the member
 * tools need a personal access token, and a revoked one stops working.
 */
class McpEndpointIT {
    private static final String PAPER = "2606.17584";
    private static SiteFixture site;

    @BeforeAll
    static void start() {
        site = SiteFixture.shared();
    }

    @Test
    void aClientListsTheToolsAndCallsEachPublicOne() {
        try (McpSyncClient client = client(null)) {
            List<McpSchema.Tool> tools = client.listTools().tools();
            assertThat(tools)
                    .extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder(
                            "paper_search",
                            "paper_get",
                            "papers_list",
                            "papers_similar",
                            "library_list",
                            "library_add",
                            "papers_for_you");
            for (McpSchema.Tool tool : tools) {
                assertThat(tool.inputSchema().get("type")).as(tool.name()).isEqualTo("object");
                assertThat(tool.inputSchema()).as(tool.name()).containsKey("properties");
                assertThat(tool.description()).as(tool.name()).isNotBlank();
            }
            assertThat(
                            tools.stream()
                                    .filter(t -> t.name().equals("paper_search"))
                                    .findFirst()
                                    .orElseThrow()
                                    .description())
                    .as("the query syntax is told")
                    .contains("author:")
                    .contains("cat:cs.LG");

            CallToolResult found =
                    call(
                            client,
                            "paper_search",
                            Map.of("query", "graph neural networks", "limit", 3));
            assertThat(found.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(papers(found)).hasSize(3);
            assertThat(text(found)).startsWith("1. ").contains(site.baseUrl + "/papers/");

            CallToolResult lexical =
                    call(
                            client,
                            "paper_search",
                            Map.of("query", "title:diffusion cat:cs.CV", "mode", "lexical"));
            assertThat(papers(lexical)).isNotEmpty();

            CallToolResult paper = call(client, "paper_get", Map.of("id", "arXiv:" + PAPER + "v1"));
            assertThat(paper.isError()).isNotEqualTo(Boolean.TRUE);
            Map<?, ?> structured = (Map<?, ?>) paper.structuredContent();
            assertThat(structured.get("id")).isEqualTo(PAPER);
            assertThat(text(paper)).contains((String) structured.get("title"));

            CallToolResult day =
                    call(
                            client,
                            "papers_list",
                            Map.of("period", "day", "date", "2026-07-01", "limit", 5));
            assertThat(papers(day)).hasSize(5);
            assertThat(((Map<?, ?>) day.structuredContent()).get("total"))
                    .as("the day's list, other tests' submissions included")
                    .isEqualTo(
                            site.daily
                                    .rows(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 2))
                                    .size());
            CallToolResult week =
                    call(client, "papers_list", Map.of("period", "week", "date", "2026-W27"));
            assertThat(papers(week)).hasSize(20);
            CallToolResult month =
                    call(
                            client,
                            "papers_list",
                            Map.of("period", "month", "date", "2026-06-30", "sort", "trending"));
            assertThat(text(month)).startsWith("Papers of June 2026");
            CallToolResult latest = call(client, "papers_list", Map.of("period", "day"));
            assertThat(papers(latest)).isNotEmpty();

            CallToolResult similar =
                    call(client, "papers_similar", Map.of("id", PAPER, "limit", 4));
            assertThat(papers(similar)).hasSize(4).noneMatch(p -> PAPER.equals(p.get("id")));
        }
        assertThat(site.get("/metrics").body())
                .as("its requests counted as the routes' are")
                .containsPattern("paperboy_http_requests_total\\{[^}]*route=\"/mcp/\\*\"");
    }

    @Test
    void badArgumentsAreToolErrorsThatSayWhatIsWrong() {
        try (McpSyncClient client = client(null)) {
            Map<String, Map<String, Object>> bad =
                    Map.of(
                            "missing query", Map.of(),
                            "query not a string", Map.of("query", 5),
                            "limit too high", Map.of("query", "graphs", "limit", 1000),
                            "unknown argument", Map.of("query", "graphs", "colour", "red"),
                            "unknown mode", Map.of("query", "graphs", "mode", "psychic"));
            bad.forEach(
                    (why, args) -> {
                        CallToolResult r = call(client, "paper_search", args);
                        assertThat(r.isError()).as(why).isTrue();
                        assertThat(text(r)).as(why).isNotBlank().doesNotContain("at paperboy.");
                    });
            assertThat(text(call(client, "paper_get", Map.of("id", "not an id"))))
                    .contains("not an id");
            assertThat(call(client, "paper_get", Map.of("id", "not an id")).isError()).isTrue();
            CallToolResult unknown = call(client, "paper_get", Map.of("id", "2606.99999"));
            assertThat(unknown.isError()).isTrue();
            assertThat(text(unknown)).contains("does not know the paper 2606.99999");
            assertThat(call(client, "papers_list", Map.of("period", "year")).isError()).isTrue();
            CallToolResult badDate =
                    call(client, "papers_list", Map.of("period", "day", "date", "2026-13-45"));
            assertThat(badDate.isError()).isTrue();
            assertThat(text(badDate)).contains("2026-13-45");
            CallToolResult anonymous = call(client, "library_list", Map.of());
            assertThat(anonymous.isError()).isTrue();
            assertThat(text(anonymous)).contains("personal access token");
            assertThatThrownBy(() -> call(client, "no_such_tool", Map.of()))
                    .isInstanceOfSatisfying(
                            McpError.class,
                            e -> {
                                assertThat(e.getJsonRpcError().code())
                                        .isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
                                assertThat(String.valueOf(e.getJsonRpcError().data()))
                                        .contains("no_such_tool");
                            });
        }
    }

    @Test
    void withATokenTheMemberToolsReadAndAddToTheirLibrary() {
        AccessTokens tokens = site.instance.site().community().tokens();
        long member = site.accounts.memberFor("mcp.member@example.org").id();
        AccessTokens.Issued token = tokens.issue(member, "my assistant");
        try (McpSyncClient client = client(token.token())) {
            assertThat(papers(call(client, "library_list", Map.of()))).isEmpty();
            CallToolResult nothing = call(client, "papers_for_you", Map.of());
            assertThat(papers(nothing)).isEmpty();
            assertThat(text(nothing)).contains("Nothing to pick from yet");
            CallToolResult added = call(client, "library_add", Map.of("id", PAPER));
            assertThat(added.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(((Map<?, ?>) added.structuredContent()).get("added")).isEqualTo(true);
            assertThat(
                            ((Map<?, ?>)
                                            call(client, "library_add", Map.of("id", PAPER))
                                                    .structuredContent())
                                    .get("added"))
                    .isEqualTo(false);
            assertThat(papers(call(client, "library_list", Map.of())))
                    .extracting(p -> p.get("id"))
                    .containsExactly(PAPER);
            assertThat(site.instance.site().community().library().papers(member))
                    .containsExactly(PAPER);

            // picked for the member from that paper, each with it as the reason
            CallToolResult forYou =
                    call(client, "papers_for_you", Map.of("week", "2026-W27", "limit", 5));
            assertThat(forYou.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(papers(forYou))
                    .hasSize(5)
                    .allSatisfy(p -> assertThat(p.get("closeTo")).isEqualTo(PAPER))
                    .noneMatch(p -> PAPER.equals(p.get("id")));
            assertThat(text(forYou)).startsWith("Week 27 of 2026").contains("in your library");
            CallToolResult badWeek = call(client, "papers_for_you", Map.of("week", "2026-W60"));
            assertThat(badWeek.isError()).isTrue();
            assertThat(text(badWeek))
                    .contains("weeks 1 to 53, not 60")
                    .doesNotContain("at paperboy.");

            tokens.revoke(member, token.id());
            CallToolResult revoked = call(client, "library_list", Map.of());
            assertThat(revoked.isError()).isTrue();
            assertThat(text(revoked)).contains("revoked");
        }
    }

    @Test
    void aBrokenOrForeignRequestIsAClearRefusalWithoutATrace() throws Exception {
        HttpResponse<String> garbage =
                site.send(
                        HttpRequest.newBuilder(URI.create(site.baseUrl + "/mcp"))
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json, text/event-stream")
                                .POST(HttpRequest.BodyPublishers.ofString("{not json"))
                                .build());
        assertThat(garbage.statusCode()).isBetween(400, 499);
        assertThat(garbage.body()).doesNotContain("Exception").doesNotContain("at io.");
        HttpResponse<String> foreign =
                site.send(
                        HttpRequest.newBuilder(URI.create(site.baseUrl + "/mcp"))
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json, text/event-stream")
                                .header("Origin", "https://evil.example")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                                .build());
        assertThat(foreign.statusCode()).isEqualTo(403);
    }

    private static McpSyncClient client(@Nullable String token) {
        HttpRequest.Builder requests = HttpRequest.newBuilder();
        if (token != null) {
            requests.header("Authorization", "Bearer " + token);
        }
        McpSyncClient client =
                McpClient.sync(
                                HttpClientStreamableHttpTransport.builder(site.baseUrl)
                                        .endpoint("/mcp")
                                        .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
                                        .requestBuilder(requests)
                                        .build())
                        .clientInfo(McpSchema.Implementation.builder("paperboy-test", "1").build())
                        .requestTimeout(Duration.ofSeconds(30))
                        .build();
        client.initialize();
        return client;
    }

    private static CallToolResult call(
            McpSyncClient client, String tool, Map<String, Object> args) {
        return client.callTool(CallToolRequest.builder(tool).arguments(args).build());
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().getFirst()).text();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> papers(CallToolResult result) {
        return (List<Map<String, Object>>) ((Map<?, ?>) result.structuredContent()).get("papers");
    }
}
