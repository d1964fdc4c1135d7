"""A standard-library transcription of the seed Python sample's NotificationHub and Notification.

Kept close to the sample on purpose (connection string parsed with 'https' + part[11:], SAS token
signed over the lower-cased hub URI, api-version 2013-10, '&test' in debug mode), so the emulator
is checked against what that sample sends. Usage, with the emulator's CA trusted:

    SSL_CERT_FILE=ca.pem python3 notification_hub.py '<connection string>' <hub> windows '<toast>...'
"""

import base64
import hashlib
import hmac
import http.client
import json
import sys
import time
import urllib.parse


class Notification:
    VALID_FORMATS = ["template", "apple", "gcm", "windows", "windowsphone", "adm", "baidu"]

    def __init__(self, notification_format=None, payload=None):
        if not any(x in notification_format for x in self.VALID_FORMATS):
            raise Exception("Invalid Notification format. Must be one of: " + ", ".join(self.VALID_FORMATS))
        self.format = notification_format
        self.payload = payload
        # Platform headers, e.g. X-WNS-Type for windows.
        self.headers = None


class NotificationHub:
    API_VERSION = "?api-version=2013-10"
    DEBUG_SEND = "&test"

    def __init__(self, connection_string=None, hub_name=None, debug=0):
        self.HubName = hub_name
        self.Debug = debug
        parts = connection_string.split(";")
        if len(parts) != 3:
            raise Exception("Invalid ConnectionString.")
        for part in parts:
            if part.startswith("Endpoint"):
                # 'Endpoint=sb' is 11 characters: sb://host/ becomes https://host/
                self.Endpoint = "https" + part[11:]
            if part.startswith("SharedAccessKeyName"):
                self.SasKeyName = part[20:]
            if part.startswith("SharedAccessKey"):
                self.SasKeyValue = part[16:]

    @staticmethod
    def get_expiry():
        return int(round(time.time() + 300))

    def sign_string(self, to_sign):
        digest = hmac.HMAC(self.SasKeyValue.encode("utf-8"), to_sign.encode("utf-8"), hashlib.sha256).digest()
        return base64.b64encode(digest)

    def generate_sas_token(self):
        my_uri = urllib.parse.quote(self.Endpoint + self.HubName, "").lower()
        expiry = str(self.get_expiry())
        signature = urllib.parse.quote(self.sign_string(my_uri + "\n" + expiry))
        return "SharedAccessSignature sig={0}&se={1}&skn={2}&sr={3}".format(
            signature, expiry, self.SasKeyName, my_uri)

    def make_http_request(self, url, payload, headers):
        parsed_url = urllib.parse.urlparse(url)
        connection = http.client.HTTPSConnection(parsed_url.hostname, parsed_url.port)
        if self.Debug > 0:
            url += self.DEBUG_SEND
        connection.request("POST", url, payload, headers)
        response = connection.getresponse()
        body = response.read()
        if self.Debug > 0:
            print(str(response.status) + " " + response.reason)
            print(body.decode("utf-8"))
        elif response.status != 201:
            raise Exception("Error sending notification. Received HTTP code " + str(response.status) + " " + response.reason)
        connection.close()
        return response.status

    def send_notification(self, notification, tag_or_tag_expression=None):
        url = self.Endpoint + self.HubName + "/messages" + self.API_VERSION
        if any(x in notification.format for x in ["template", "apple", "gcm", "adm", "baidu"]):
            content_type = "application/json"
            payload_to_send = json.dumps(notification.payload)
        else:
            content_type = "application/xml"
            payload_to_send = notification.payload
        headers = {
            "Content-type": content_type,
            "Authorization": self.generate_sas_token(),
            "ServiceBusNotification-Format": notification.format,
        }
        tag_list = " || ".join(tag_or_tag_expression) if isinstance(tag_or_tag_expression, set) else tag_or_tag_expression
        if tag_list:
            headers.update({"ServiceBusNotification-Tags": tag_list})
        if notification.headers is not None:
            headers.update(notification.headers)
        return self.make_http_request(url, payload_to_send, headers)

    def send_apple_notification(self, payload, tags=""):
        return self.send_notification(Notification("apple", payload), tags)

    def send_windows_notification(self, payload, tags=""):
        nh = Notification("windows", payload)
        if "<toast>" in payload:
            nh.headers = {"X-WNS-Type": "wns/toast"}
        elif "<tile>" in payload:
            nh.headers = {"X-WNS-Type": "wns/tile"}
        elif "<badge>" in payload:
            nh.headers = {"X-WNS-Type": "wns/badge"}
        return self.send_notification(nh, tags)

    def send_template_notification(self, properties, tags=""):
        return self.send_notification(Notification("template", properties), tags)


if __name__ == "__main__":
    connection_string, hub_name, kind, payload = sys.argv[1:5]
    tags = sys.argv[5] if len(sys.argv) > 5 else ""
    debug = 1 if len(sys.argv) > 6 and sys.argv[6] == "debug" else 0
    hub = NotificationHub(connection_string, hub_name, debug)
    if kind == "windows":
        hub.send_windows_notification(payload, tags)
    elif kind == "apple":
        hub.send_apple_notification(json.loads(payload), tags)
    elif kind == "template":
        hub.send_template_notification(json.loads(payload), tags)
    else:
        raise Exception("unknown kind " + kind)
