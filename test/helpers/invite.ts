/** A calendar invite, as mail clients attach one. */
export const INVITE = Buffer.from(
	['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Example//Mail//EN', 'BEGIN:VEVENT', 'UID:card-call@example.com',
		'DTSTART:20270105T090000Z', 'SUMMARY:Card activation call', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'),
);
