"""A fake Telegram Bot API on 127.0.0.1 for the tests: records every call, answers like the real API."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeBotApi:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []
        self.updates: list[dict] = []
        self.fail_next = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                token, method = self.path.strip("/").split("/", 1)
                call = {**body, "_token": token, "_ok": True}
                fake.calls.append((method, call))
                if fake.fail_next:
                    call["_ok"] = False
                    fake.fail_next -= 1
                    answer, status = {"ok": False, "error_code": 502, "description": "Bad Gateway"}, 502
                elif method == "getUpdates":
                    offset = body.get("offset") or 0
                    answer, status = (
                        {"ok": True, "result": [u for u in fake.updates if u["update_id"] >= offset]},
                        200,
                    )
                else:
                    answer, status = {"ok": True, "result": {"message_id": len(fake.calls)}}, 200
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeBotApi":
        self.thread.start()
        return self

    def __exit__(self, *args: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def sent(self) -> list[tuple[str, str]]:
        """The messages the API accepted (a refused call delivered nothing)."""
        return [
            (str(body["chat_id"]), body["text"])
            for method, body in self.calls
            if method == "sendMessage" and body["_ok"]
        ]
