// The serializers @elevenlabs/elevenlabs-js's PhoneNumbersClient uses (see elevenlabs-slim.mjs), under the
// names its Client.js reads them by: serializers.X and serializers.conversationalAi.{Y, phoneNumbers.list}.
import * as phoneNumbers from '@elevenlabs/elevenlabs-js/serialization/resources/conversationalAi/resources/phoneNumbers/index.js';

export { CreatePhoneNumberResponseModel } from '@elevenlabs/elevenlabs-js/serialization/types/CreatePhoneNumberResponseModel.js';
export { GetPhoneNumbersPageResponseModel } from '@elevenlabs/elevenlabs-js/serialization/types/GetPhoneNumbersPageResponseModel.js';
export { GetSipLogMessagesResponse } from '@elevenlabs/elevenlabs-js/serialization/types/GetSipLogMessagesResponse.js';
export { PhoneNumberSortBy } from '@elevenlabs/elevenlabs-js/serialization/types/PhoneNumberSortBy.js';
export { SortDirection } from '@elevenlabs/elevenlabs-js/serialization/types/SortDirection.js';
export { TelephonyProvider } from '@elevenlabs/elevenlabs-js/serialization/types/TelephonyProvider.js';
export const conversationalAi = { ...phoneNumbers, phoneNumbers };
